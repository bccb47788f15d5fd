using RefreshBot.FleetBench.Measurement;

namespace RefreshBot.FleetBench.Results;

/// <summary>Everything one benchmark invocation measured (serialized to the results JSON).</summary>
public sealed record BenchmarkResult(
    DateTimeOffset At,
    MachineInfo Machine,
    FleetShape Fleet,
    SetupTimes Setup,
    IReadOnlyList<RunResult> Runs,
    int MaxRequestsInFlight,
    StartupBaseline Baseline,
    CycleResult Cycle,
    IReadOnlyList<CycleResult> LaterCycles,
    RenovateResult? Renovate)
{
    public bool Passed => Runs.All(r => r.Passed) && Cycle.Passed && LaterCycles.All(c => c.Passed);
}

public sealed record MachineInfo(int Cores, string Os, string Runtime, long MemoryMegabytes);

/// <summary>The generated fleet: its size, the mix of references, and what the check must report.</summary>
public sealed record FleetShape(
    int Seed,
    int Repositories,
    int Dockerfiles,
    int IgnoredDockerfiles,
    int ImageReferences,
    int Images,
    int ImageTags,
    int UniqueImageTagsReferenced,
    IReadOnlyList<string> MovedTags,
    string ChurnedTag,
    IReadOnlyDictionary<string, int> ByInstruction,
    IReadOnlyDictionary<string, int> ByForm,
    IReadOnlyDictionary<string, int> ByPin,
    IReadOnlyDictionary<string, int> ByPlatform,
    IReadOnlyDictionary<string, int> ExpectedStatuses,
    int ExpectedIndexChurn);

/// <summary><c>refreshbot check</c> of an empty folder: the cost of starting the process at all.</summary>
public sealed record StartupBaseline(double WallSeconds, double CpuSeconds, double PeakRssMegabytes);

public sealed record SetupTimes(double PushSeconds, double GenerateSeconds, double MoveSeconds);

/// <summary>One cold check process.</summary>
public sealed record RunResult(
    int Number,
    int ExitCode,
    double WallSeconds,
    double UserSeconds,
    double SystemSeconds,
    double CpuSeconds,
    double PeakRssMegabytes,
    RequestTally Requests,
    IReadOnlyDictionary<string, int> ReportedStatuses,
    int IndexChurnFlagged,
    int Mismatches,
    IReadOnlyList<string> FirstMismatches,
    bool OneTagHeadPerImageTag)
{
    public bool Passed => ExitCode == 0 && Mismatches == 0 && OneTagHeadPerImageTag;
}

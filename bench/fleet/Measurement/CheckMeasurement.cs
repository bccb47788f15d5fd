namespace RefreshBot.FleetBench.Measurement;

/// <summary>
/// One cold <c>refreshbot check</c> process: exit code, wall time (stopwatch around the process), CPU time and
/// peak resident set size (from the kernel's <c>rusage</c> of the exited process, as reported by GNU time).
/// </summary>
public sealed record CheckMeasurement(
    int ExitCode,
    double WallSeconds,
    double UserSeconds,
    double SystemSeconds,
    long PeakRssKilobytes,
    string Stdout,
    string Stderr)
{
    public double CpuSeconds => UserSeconds + SystemSeconds;

    public double PeakRssMegabytes => PeakRssKilobytes / 1024.0;
}

namespace RefreshBot.FleetBench;

/// <summary>Command-line options of the fleet benchmark.</summary>
/// <param name="Repositories">Git repositories to generate (each with 1–3 Dockerfiles).</param>
/// <param name="Images">Synthetic image repositories pushed (3 tags each; even ones multi-platform).</param>
/// <param name="Moves">Tags moved after the fleet was pinned (besides the one index-churn tag).</param>
/// <param name="Seed">Seed of the deterministic generator.</param>
/// <param name="Runs">Cold <c>refreshbot check</c> processes to run and measure.</param>
/// <param name="OutputFolder">Where the results JSON and Markdown go.</param>
/// <param name="Keep">Keep the generated fleet, config and raw reports (their folder is printed).</param>
/// <param name="Refreshbot">Path of <c>refreshbot.dll</c>; default: the Release build copied next to this benchmark.</param>
/// <param name="LogLevel">Log level passed to <c>refreshbot</c> (its stderr is saved, not measured).</param>
/// <param name="Renovate">Also run Renovate on the same fleet and print the ratios.</param>
/// <param name="RenovateFolder">npm prefix Renovate is installed into (installed there when missing).</param>
/// <param name="RenovateSample">Repositories Renovate runs on one by one (0: all).</param>
/// <param name="CycleMoves">Tags moved between the second and the third <c>run --once --dry-run</c> cycle.</param>
public sealed record FleetOptions(
    int Repositories,
    int Images,
    int Moves,
    int Seed,
    int Runs,
    DirectoryInfo OutputFolder,
    bool Keep,
    FileInfo? Refreshbot,
    string LogLevel,
    bool Renovate,
    DirectoryInfo RenovateFolder,
    int RenovateSample,
    int CycleMoves);

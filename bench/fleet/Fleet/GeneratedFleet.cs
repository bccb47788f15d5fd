namespace RefreshBot.FleetBench.Fleet;

/// <summary>The generated folder of git repositories and what a check of it must report.</summary>
/// <param name="Root">The folder handed to <c>refreshbot check</c>.</param>
/// <param name="Repositories">Folders of the git repositories under <paramref name="Root"/>.</param>
/// <param name="Dockerfiles">Paths (relative to <paramref name="Root"/>, <c>/</c>-separated) of the Dockerfiles the check must find.</param>
/// <param name="IgnoredDockerfiles">Dockerfiles in git-ignored folders: the check must not report them.</param>
/// <param name="Images">Every image reference written, in file and line order.</param>
public sealed record GeneratedFleet(
    string Root,
    IReadOnlyList<string> Repositories,
    IReadOnlyList<string> Dockerfiles,
    IReadOnlyList<string> IgnoredDockerfiles,
    IReadOnlyList<ExpectedImage> Images)
{
    /// <summary>Distinct <c>repository:tag</c> referenced anywhere in the fleet.</summary>
    public int UniqueImageTags => Images.Select(i => i.Tag).Distinct().Count();
}

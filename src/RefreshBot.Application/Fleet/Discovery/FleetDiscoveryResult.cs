namespace RefreshBot.Application.Fleet.Discovery;

/// <summary>What discovery found for one cycle (or one service start).</summary>
/// <param name="Repositories">The fleet to run: the configured repositories (in file order), then the discovered ones not
/// configured explicitly (by source, then name).</param>
/// <param name="Discovered">The discovered repositories that were added (a subset of <paramref name="Repositories"/>).</param>
/// <param name="Failures">Sources (or single repositories) that could not be read, each naming its request.</param>
/// <param name="Counts">How many repositories each step kept or skipped, per source.</param>
public sealed record FleetDiscoveryResult(
    IReadOnlyList<TrackedRepository> Repositories,
    IReadOnlyList<TrackedRepository> Discovered,
    IReadOnlyList<DiscoveryFailure> Failures,
    IReadOnlyList<DiscoveryCounts> Counts)
{
    /// <summary>No discovery configured: the configured repositories as they are.</summary>
    public static FleetDiscoveryResult ConfiguredOnly(IReadOnlyList<TrackedRepository> configured) => new(configured, [], [], []);

    /// <summary>True when every source was read completely (so a repository missing from the result is really gone).</summary>
    public bool Complete => Failures.All(f => f.Repository is not null);
}

/// <summary>A source, or one repository of it, that could not be read.</summary>
/// <param name="Source">e.g. <c>org acme</c>.</param>
/// <param name="Repository">The repository whose files could not be listed; null when the source's listing failed.</param>
/// <param name="Request">The request that failed, e.g. <c>GET /orgs/acme/repos</c>.</param>
/// <param name="Problem">What went wrong (never a secret).</param>
public sealed record DiscoveryFailure(string Source, string? Repository, string Request, string Problem)
{
    public override string ToString() =>
        Repository is null ? $"discover {Source}: {Request} failed: {Problem}" : $"discover {Source}: {Repository}: {Request} failed: {Problem} (kept)";
}

/// <summary>Per source: listed; skipped as archived, fork, by the globs, already configured, or without Dockerfiles; kept.</summary>
public sealed record DiscoveryCounts(string Source, int Listed, int Archived, int Forks, int Filtered, int Configured, int WithoutDockerfiles, int Kept);

using RefreshBot.Domain.Platforms;
using RefreshBot.Domain.Proposals.Windows;

namespace RefreshBot.Application.Fleet;

/// <summary>
/// One repository of the fleet, with its settings already merged over the fleet defaults.
/// CONTRACT (issue 3): filled by the host's config loader, consumed by the refresh cycle. Holds no secrets.
/// </summary>
/// <param name="Id">Stable, readable identity used in logs, branch bookkeeping and the data folder:
/// <c>owner/name</c> for GitHub, the normalized URL for a git URL, the absolute path for a local repository.</param>
/// <param name="Location">Where the repository lives.</param>
/// <param name="Branch">Target branch; null means the repository's default branch (GitHub) or the current HEAD branch (local/URL).</param>
/// <param name="DockerfileGlobs">Globs (relative to the repository root, <c>**</c> allowed) selecting Dockerfiles; empty means the default names everywhere.</param>
/// <param name="BuildArgs">Build args overriding ARG defaults.</param>
/// <param name="Platforms">Platforms this repository builds (at least one); an image is outdated when any of them changed.</param>
/// <param name="Grouping">How updates are grouped into pull requests.</param>
/// <param name="Labels">Labels put on the bot's pull requests.</param>
/// <param name="Reviewers">Users (or <c>org/team</c>) asked for review.</param>
/// <param name="Assignees">Users assigned.</param>
/// <param name="Schedule">Cron expression (Quartz syntax) with optional time zone, used by the service (issue 5); null: the fleet default.</param>
/// <param name="Policy">Update policies.</param>
public sealed record TrackedRepository(
    string Id,
    RepositoryLocation Location,
    string? Branch,
    IReadOnlyList<string> DockerfileGlobs,
    IReadOnlyDictionary<string, string> BuildArgs,
    IReadOnlyList<Platform> Platforms,
    UpdateGrouping Grouping,
    IReadOnlyList<string> Labels,
    IReadOnlyList<string> Reviewers,
    IReadOnlyList<string> Assignees,
    string? Schedule,
    RefreshPolicy Policy)
{
    /// <summary>IANA time zone id of <see cref="Schedule"/> (e.g. <c>Europe/Berlin</c>); null: UTC.</summary>
    public string? ScheduleTimeZone { get; init; }

    /// <summary>Keep one dashboard issue in the repository current after each run (<c>dashboardIssue</c>); off: close it.</summary>
    public bool DashboardIssue { get; init; }

    /// <summary>The dashboard issue's title (<c>dashboardIssueTitle</c>).</summary>
    public string DashboardIssueTitle { get; init; } = DefaultDashboardIssueTitle;

    /// <summary>Build and scan this repository's changes when the fleet builds (<c>build</c>, default true); false: never
    /// (its pull requests say building and scanning are off for it).</summary>
    public bool Build { get; init; } = true;

    public const string DefaultDashboardIssueTitle = "RefreshBot dashboard";
}

/// <summary>Where a tracked repository lives and which code host receives its proposals.</summary>
public abstract record RepositoryLocation
{
    private RepositoryLocation()
    {
    }

    /// <summary>A GitHub (or GitHub Enterprise) repository; pull requests through the GitHub API.</summary>
    public sealed record GitHub(string Owner, string Name) : RepositoryLocation;

    /// <summary>A repository on this machine; the bot commits its branch there and writes proposals to a folder.</summary>
    public sealed record Local(string Path) : RepositoryLocation;

    /// <summary>Any git URL (https, ssh, file); the branch is pushed there and proposals are written to a folder.</summary>
    public sealed record GitUrl(Uri Url) : RepositoryLocation;
}

/// <summary>How updates are grouped into pull requests (and branches <c>refreshbot/&lt;group&gt;</c>).</summary>
public enum UpdateGrouping
{
    /// <summary>One rolling pull request per repository (default).</summary>
    Repository,
    /// <summary>One pull request per Dockerfile.</summary>
    Dockerfile,
    /// <summary>One pull request per image (repository name, all tags), across the repository's Dockerfiles.</summary>
    Image,
}

/// <summary>What to do with unpinned references.</summary>
public enum UnpinnedPolicy
{
    /// <summary>Pin them to the current digest (<c>image:tag@sha256:…</c>) — the default.</summary>
    Pin,
    /// <summary>Only report them; never change them.</summary>
    Report,
}

/// <summary>Update policies of a repository.</summary>
/// <param name="Unpinned">Pin or only report unpinned references.</param>
/// <param name="IgnoreImages">Image name globs never proposed (matched against the normalized name and the familiar name, e.g. <c>docker.io/library/node</c> / <c>node</c>, <c>ghcr.io/acme/*</c>).</param>
/// <param name="ProposeAfterClosed">After a person closed a proposal unmerged, propose a <em>newer</em> digest again (default true); the same digests are never proposed again.</param>
public sealed record RefreshPolicy(UnpinnedPolicy Unpinned, IReadOnlyList<string> IgnoreImages, bool ProposeAfterClosed)
{
    public static readonly RefreshPolicy Default = new(UnpinnedPolicy.Pin, [], true);

    /// <summary>
    /// Soak period: a digest is proposed only once the bot has seen it (its recorded first-seen time) for this long.
    /// <see cref="TimeSpan.Zero"/> (the default) proposes at once.
    /// </summary>
    public TimeSpan Soak { get; init; }

    /// <summary>Soak periods of particular images, by normalized or familiar name (<c>docker.io/library/node</c>, <c>node</c>), over <see cref="Soak"/>.</summary>
    public IReadOnlyDictionary<string, TimeSpan> SoakImages { get; init; } = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);

    /// <summary>
    /// When new pull requests may be opened (<c>policies.prWindow</c>); null (the default): always. Outside it the cycle
    /// still checks and records everything and keeps already open pull requests up to date, but opens none.
    /// </summary>
    public ProposalWindow? PrWindow { get; init; }

    /// <summary>The soak period of <paramref name="name"/> (normalized) or <paramref name="familiarName"/>.</summary>
    public TimeSpan SoakOf(string name, string familiarName) =>
        SoakImages.TryGetValue(name, out var soak) || SoakImages.TryGetValue(familiarName, out soak) ? soak : Soak;
}

/// <summary>Author of the bot's commits.</summary>
public sealed record GitAuthor(string Name, string Email)
{
    public static readonly GitAuthor Default = new("refreshbot", "refreshbot@users.noreply.github.com");
}

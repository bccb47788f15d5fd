using RefreshBot.Application.Fleet;
using RefreshBot.Domain.Platforms;

namespace RefreshBot.Host.Config;

/// <summary>
/// The settings of a repository, as <c>defaults:</c> gives them to every repository (and each repository overrides).
/// </summary>
/// <param name="Branch">Target branch; null: the repository's default (GitHub) or current (local/URL) branch.</param>
/// <param name="DockerfileGlobs">Globs selecting Dockerfiles; empty: the default names everywhere.</param>
/// <param name="BuildArgs">Build args overriding ARG defaults.</param>
/// <param name="Platforms">Platforms built (at least one; default linux/amd64). <c>check</c> compares the first.</param>
/// <param name="Grouping">How updates are grouped into pull requests.</param>
/// <param name="Labels">Labels of the bot's pull requests.</param>
/// <param name="Reviewers">Reviewers requested (users or <c>org/team</c>).</param>
/// <param name="Assignees">Assignees.</param>
/// <param name="Schedule">When the service refreshes the repository; null: the service's default.</param>
/// <param name="Policy">Update policies.</param>
public sealed record RepositorySettings(
    string? Branch,
    IReadOnlyList<string> DockerfileGlobs,
    IReadOnlyDictionary<string, string> BuildArgs,
    IReadOnlyList<Platform> Platforms,
    UpdateGrouping Grouping,
    IReadOnlyList<string> Labels,
    IReadOnlyList<string> Reviewers,
    IReadOnlyList<string> Assignees,
    RefreshSchedule? Schedule,
    RefreshPolicy Policy)
{
    /// <summary>What applies when the config says nothing.</summary>
    public static readonly RepositorySettings BuiltIn = new(
        null, [], new Dictionary<string, string>(StringComparer.Ordinal), [Platform.LinuxAmd64], UpdateGrouping.Repository,
        [], [], [], null, RefreshPolicy.Default);

    /// <summary>Keep a dashboard issue in the repository (<c>dashboardIssue</c>, default false).</summary>
    public bool DashboardIssue { get; init; }

    /// <summary>Its title (<c>dashboardIssueTitle</c>).</summary>
    public string DashboardIssueTitle { get; init; } = TrackedRepository.DefaultDashboardIssueTitle;

    /// <summary>Build and scan this repository's changes (<c>build</c>): true (the default) follows the fleet's
    /// <c>build.enabled</c>; false turns building and scanning off for it.</summary>
    public bool Build { get; init; } = true;

    public TrackedRepository Track(string id, RepositoryLocation location) =>
        new(id, location, Branch, DockerfileGlobs, BuildArgs, Platforms, Grouping, Labels, Reviewers, Assignees, Schedule?.Cron, Policy)
        {
            ScheduleTimeZone = Schedule?.TimeZone,
            DashboardIssue = DashboardIssue,
            DashboardIssueTitle = DashboardIssueTitle,
            Build = Build,
        };
}

/// <summary>A refresh schedule: a Quartz cron expression (6 or 7 fields, seconds first) and its time zone.</summary>
/// <param name="Cron">e.g. <c>0 0 6 ? * MON-FRI</c>.</param>
/// <param name="TimeZone">An IANA time zone id such as <c>Europe/Berlin</c>; null: UTC.</param>
public sealed record RefreshSchedule(string Cron, string? TimeZone);

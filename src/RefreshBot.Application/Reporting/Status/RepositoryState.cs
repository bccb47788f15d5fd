using RefreshBot.Application.Refresh.History;
using RefreshBot.Domain.Reports.Weekly;

namespace RefreshBot.Application.Reporting.Status;

/// <summary>One tracked repository as it stands now (the dashboard's fleet table), by the rules of <see cref="Freshness"/>.</summary>
/// <param name="Repository">The tracked repository's id.</param>
/// <param name="Status">Fresh, stale, failing or not run.</param>
/// <param name="Lag">How long the oldest pending refresh has been known; null when nothing is pending.</param>
/// <param name="Open">Its refresh pull requests open now, by number.</param>
/// <param name="LastRun">Its last finished run, or null.</param>
/// <param name="LastError">The last run's reason when it failed or was interrupted.</param>
/// <param name="SkipReasons">Why the last (succeeded) run left image uses alone.</param>
/// <param name="Dockerfiles">Dockerfiles the history knows of (<see cref="IHistoryLog.KnownDockerfilesAsync"/>), sorted.</param>
/// <param name="BaseImages">The base images its last run found, by image then tag.</param>
public sealed record RepositoryState(
    string Repository,
    RepositoryStatus Status,
    TimeSpan? Lag,
    IReadOnlyList<RecordedProposal> Open,
    RecordedRun? LastRun,
    string? LastError,
    IReadOnlyList<string> SkipReasons,
    IReadOnlyList<string> Dockerfiles,
    IReadOnlyList<RecordedImageUse> BaseImages);

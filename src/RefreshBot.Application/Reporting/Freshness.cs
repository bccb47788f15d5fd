using RefreshBot.Application.Refresh.History;
using RefreshBot.Domain.Reports.Weekly;

namespace RefreshBot.Application.Reporting;

/// <summary>
/// How fresh a repository is at an instant — the rules the weekly digest and the dashboard share: which pull requests
/// are open, the freshness lag, the status and the last error.
/// </summary>
public static class Freshness
{
    /// <summary>Opened at or before <paramref name="instant"/> and not merged or closed by then.</summary>
    public static bool IsOpenAt(RecordedProposal proposal, DateTimeOffset instant) =>
        proposal.Opened <= instant && (proposal.Closed is null || proposal.Closed > instant);

    /// <summary>
    /// <paramref name="asOf"/> minus the earliest first-seen time among the updates of the open pull requests (only
    /// first-seen times not after <paramref name="asOf"/> count; a pull request with none counts from its opening); null
    /// when none is open. Never negative.
    /// </summary>
    public static TimeSpan? Lag(IReadOnlyList<RecordedProposal> open, DateTimeOffset asOf)
    {
        if (open.Count == 0)
        {
            return null;
        }

        var since = open.Min(p => p.Updates.Select(u => u.FirstSeen).OfType<DateTimeOffset>().Where(s => s <= asOf).DefaultIfEmpty(p.Opened ?? asOf).Min());
        return since < asOf ? asOf - since : TimeSpan.Zero;
    }

    /// <summary>NotRun without a finished run, else Failing when it failed or was interrupted, else Stale with a lag, else Fresh.</summary>
    public static RepositoryStatus StatusOf(RecordedRun? lastRun, TimeSpan? lag) =>
        lastRun is null ? RepositoryStatus.NotRun
        : Failed(lastRun) ? RepositoryStatus.Failing
        : lag is not null ? RepositoryStatus.Stale
        : RepositoryStatus.Fresh;

    /// <summary>The last run's reason (or its outcome's name) when it failed or was interrupted; else null.</summary>
    public static string? LastErrorOf(RecordedRun? lastRun) =>
        lastRun is not null && Failed(lastRun) ? lastRun.Reason ?? lastRun.Outcome.ToString() : null;

    /// <summary>Why a succeeded last run left image uses alone (soak, policy, index churn); empty otherwise.</summary>
    public static IReadOnlyList<string> SkipReasonsOf(RecordedRun? lastRun) =>
        lastRun?.Outcome == RunOutcome.Succeeded ? SkipReasons.Split(lastRun.Reason) : [];

    private static bool Failed(RecordedRun run) => run.Outcome is RunOutcome.Failed or RunOutcome.Interrupted;
}

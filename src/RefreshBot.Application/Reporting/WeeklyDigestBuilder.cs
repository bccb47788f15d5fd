using RefreshBot.Application.Fleet;
using RefreshBot.Application.Refresh.History;
using RefreshBot.Domain.Reports.Weekly;

namespace RefreshBot.Application.Reporting;

/// <summary>
/// Computes the <see cref="WeeklyDigest"/> of one ISO week from the history (runs, refresh pull requests and their
/// evaluations) and the image usage index. Read only; deterministic for a given history and <c>now</c>.
/// </summary>
public sealed class WeeklyDigestBuilder(IRefreshHistory history, IImageUsageIndex images)
{
    /// <summary>The digest of <paramref name="week"/> for the configured <paramref name="repositories"/>, as of min(week end, <paramref name="now"/>).</summary>
    public Task<WeeklyDigest> BuildAsync(IsoWeek week, IReadOnlyList<TrackedRepository> repositories, DateTimeOffset now, CancellationToken cancellationToken)
    {
        _ = history;
        _ = images;
        throw new NotImplementedException("WeeklyDigestBuilder: work in progress (wip/i6data)");
    }
}

using RefreshBot.Application.Fleet;
using RefreshBot.Application.Refresh.History;

namespace RefreshBot.Application.Reporting.Status;

/// <summary>
/// The tracked fleet as it stands at an instant, one <see cref="RepositoryState"/> per configured repository (history of
/// others is ignored): the same open / lag / status rules as the weekly digest (<see cref="Freshness"/>). Read only;
/// a handful of queries whatever the fleet's size.
/// </summary>
public sealed class FleetStatus(IRefreshHistory history, IImageUsageIndex images, IHistoryLog log)
{
    /// <summary>Every repository of <paramref name="repositories"/> as of <paramref name="now"/>, in config order.</summary>
    public async Task<IReadOnlyList<RepositoryState>> CurrentAsync(
        IReadOnlyList<TrackedRepository> repositories, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var runs = (await history.LatestRunsAsync(now, cancellationToken).ConfigureAwait(false))
            .ToDictionary(r => r.Repository, StringComparer.Ordinal);
        var open = (await history.ProposalsTouchingAsync(now, now, cancellationToken).ConfigureAwait(false))
            .Where(p => Freshness.IsOpenAt(p.Proposal, now))
            .ToLookup(p => p.Repository, p => p.Proposal, StringComparer.Ordinal);
        var uses = (await images.ImageUsesAsync(cancellationToken).ConfigureAwait(false)).ToLookup(u => u.Repository, StringComparer.Ordinal);
        var dockerfiles = (await log.KnownDockerfilesAsync(cancellationToken).ConfigureAwait(false))
            .ToLookup(d => d.Repository, d => d.Path, StringComparer.Ordinal);

        return
        [
            .. repositories.Select(r => r.Id).Distinct(StringComparer.Ordinal).Select(id =>
            {
                var run = runs.GetValueOrDefault(id);
                IReadOnlyList<RecordedProposal> mine = [.. open[id].OrderBy(p => p.Number)];
                var lag = Freshness.Lag(mine, now);
                return new RepositoryState(
                    id,
                    Freshness.StatusOf(run, lag),
                    lag,
                    mine,
                    run,
                    Freshness.LastErrorOf(run),
                    Freshness.SkipReasonsOf(run),
                    [.. dockerfiles[id].Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
                    [.. uses[id]]);
            }),
        ];
    }
}

using Microsoft.Extensions.Logging;
using Quartz;
using RefreshBot.Application.Reporting.Publishing;
using RefreshBot.Domain.Reports.Weekly;

namespace RefreshBot.Host.Service.Jobs;

/// <summary>
/// The weekly digest (<c>service.digest</c>, default Monday 09:00 in its time zone): builds the digest of the ISO week
/// that has just ENDED when it fires (<see cref="WeeklyDigestPublisher.LastEndedWeek"/> of the scheduled time, so a late
/// firing still reports the same week; <c>refreshbot report</c> defaults to the current week instead) and publishes it
/// to every channel of <c>digest:</c>. A failing channel is logged with its reason and does not stop the others.
/// </summary>
[DisallowConcurrentExecution]
public sealed partial class WeeklyDigestJob(
    ServiceFleet fleet, WeeklyDigestPublisher publisher, RunningJobs running, TimeProvider time, ILogger<WeeklyDigestJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var week = WeeklyDigestPublisher.LastEndedWeek(context.ScheduledFireTimeUtc ?? context.FireTimeUtc);
        try
        {
            await PublishAsync(week, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogFailed(logger, week, e.Message);
        }
    }

    /// <summary>Builds the digest of <paramref name="week"/> and publishes it (what a firing does, for any week).</summary>
    public async Task<DigestDeliveryReport> PublishAsync(IsoWeek week, CancellationToken cancellationToken)
    {
        using var _ = running.Enter();
        var (digest, report) = await publisher.PublishAsync(week, fleet.Repositories, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        if (report.Outcomes.Count == 0)
        {
            LogNowhere(logger, week, digest.Fleet.RepositoriesTracked, digest.Fleet.FullyFresh, digest.Fleet.OpenPullRequests);
        }
        else
        {
            LogDone(logger, week, report.Outcomes.Count(o => o.Succeeded), report.Outcomes.Count);
        }

        return report;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Weekly digest {Week} could not be built: {Reason}")]
    private static partial void LogFailed(ILogger logger, IsoWeek week, string reason);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Weekly digest {Week}: {Fresh} of {Repositories} repositories fresh, {OpenPullRequests} open refresh PRs; no digest: channel configured to publish it")]
    private static partial void LogNowhere(ILogger logger, IsoWeek week, int repositories, int fresh, int openPullRequests);

    [LoggerMessage(Level = LogLevel.Information, Message = "Weekly digest {Week} published to {Succeeded} of {Channels} channel(s)")]
    private static partial void LogDone(ILogger logger, IsoWeek week, int succeeded, int channels);
}

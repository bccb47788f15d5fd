using Microsoft.Extensions.Logging;
using Quartz;
using RefreshBot.Application.Fleet.Discovery;
using RefreshBot.Host.Service.Scheduling;

namespace RefreshBot.Host.Service.Jobs;

/// <summary>
/// Re-discovers the fleet on <c>service.discovery</c> (default every 6 hours at :30) and reconciles the jobs, as the
/// start does: new repositories get their job, repositories no longer found lose theirs — unless a source failed, then
/// nothing is unscheduled until a complete discovery. Scheduled only when <c>discover:</c> has sources.
/// </summary>
[DisallowConcurrentExecution]
public sealed partial class DiscoveryJob(
    ServiceFleet fleet, FleetDiscovery discovery, FleetSchedule schedule, RunningJobs running, ILogger<DiscoveryJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        if (fleet.Config.Discover.Count == 0)
        {
            return;
        }

        using var _ = running.Enter();
        try
        {
            var before = fleet.Repositories.Count;
            var found = await discovery.DiscoverAsync(fleet.Config.Repositories, fleet.Config.Discover, cancellationToken).ConfigureAwait(false);
            fleet.Replace(found.Repositories);
            await schedule.ReconcileAsync(context.Scheduler, removeMissing: found.Complete, cancellationToken).ConfigureAwait(false);
            LogRediscovered(logger, found.Repositories.Count, before, found.Failures.Count);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogFailed(logger, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Re-discovery: {Repositories} repositories in the fleet (was {Before}), {Failures} source failure(s)")]
    private static partial void LogRediscovered(ILogger logger, int repositories, int before, int failures);

    [LoggerMessage(Level = LogLevel.Error, Message = "Re-discovery failed, the fleet is unchanged: {Reason}")]
    private static partial void LogFailed(ILogger logger, string reason);
}

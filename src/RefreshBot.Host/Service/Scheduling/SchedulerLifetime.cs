using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quartz;
using RefreshBot.Application.Fleet.Discovery;
using RefreshBot.Host.Service.Jobs;

namespace RefreshBot.Host.Service.Scheduling;

/// <summary>
/// Starts the scheduler after reconciling the stored jobs with the config, and stops it gracefully: no new work
/// (stand-by), running jobs get up to <c>service.shutdownTimeout</c> to finish, then the rest are cancelled and Quartz
/// hands their firings back for recovery (they run again at the next start, or on another node).
/// </summary>
public sealed partial class SchedulerLifetime(
    ISchedulerFactory factory, FleetSchedule fleetSchedule, ServiceFleet fleet, FleetDiscovery discovery, RunningJobs running,
    ILogger<SchedulerLifetime> logger)
    : IHostedService
{
    private volatile IScheduler? _scheduler;
    private volatile bool _stopping;

    /// <summary>True while the scheduler runs and is not shutting down (readiness).</summary>
    public bool IsRunning => _scheduler is { Status: SchedulerStatus.Running } && !_stopping;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scheduler = await factory.GetScheduler(cancellationToken).ConfigureAwait(false);
        var complete = true;
        if (fleet.Config.Discover.Count > 0)
        {
            // Discovered at start, then again on service.discovery (DiscoveryJob); a failing source is logged by the
            // discovery and keeps its repositories' stored jobs.
            var found = await discovery.DiscoverAsync(fleet.Config.Repositories, fleet.Config.Discover, cancellationToken).ConfigureAwait(false);
            fleet.Replace(found.Repositories);
            complete = found.Complete;
            LogDiscovered(logger, found.Discovered.Count, found.Failures.Count);
        }

        await fleetSchedule.ReconcileAsync(scheduler, removeMissing: complete, cancellationToken).ConfigureAwait(false);
        await scheduler.Start(cancellationToken).ConfigureAwait(false);
        _scheduler = scheduler;
        LogStarted(logger, fleet.Repositories.Count, fleet.Config.Storage.Database.ToString());
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping = true;
        if (_scheduler is not { } scheduler)
        {
            return;
        }

        await scheduler.Standby(CancellationToken.None).ConfigureAwait(false);
        var timeout = fleet.Config.Service.ShutdownTimeout;
        LogStopping(logger, running.Count, timeout);
        using (var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            wait.CancelAfter(timeout);
            try
            {
                await running.WhenIdleAsync(wait.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                LogCancelling(logger, running.Count);
            }
        }

        // Interrupts what still runs (their cancellation tokens) and waits for them to unwind.
        await scheduler.Shutdown(waitForJobsToComplete: true, cancellationToken).ConfigureAwait(false);
        LogStopped(logger);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduler started: {Repositories} repositories, {Database}")]
    private static partial void LogStarted(ILogger logger, int repositories, string database);

    [LoggerMessage(Level = LogLevel.Information, Message = "Discovery at start: {Discovered} repositories added to the fleet, {Failures} failure(s)")]
    private static partial void LogDiscovered(ILogger logger, int discovered, int failures);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping: no new jobs; waiting up to {Timeout} for {Running} running job(s)")]
    private static partial void LogStopping(ILogger logger, int running, TimeSpan timeout);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shutdown timeout reached: cancelling {Running} running job(s); they run again at the next start")]
    private static partial void LogCancelling(ILogger logger, int running);

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduler stopped")]
    private static partial void LogStopped(ILogger logger);
}

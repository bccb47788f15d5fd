using Microsoft.Extensions.Logging;
using Quartz;
using RefreshBot.Application.Refresh;
using RefreshBot.Host.Service.Scheduling;

namespace RefreshBot.Host.Service.Jobs;

/// <summary>
/// One repository's refresh (the job <c>refresh.&lt;id&gt;</c>). A firing of its cron trigger only schedules the
/// jittered run (a persisted one-shot trigger at now + random(0..jitter), so no thread waits and any node may take it);
/// every other firing — jittered, early (<c>soon:</c>), recovered after a crash — runs <see cref="RefreshCycle"/> for
/// this one repository. A run cancelled by shutdown throws, and Quartz hands the firing back for recovery: the next
/// start (or another node) runs it again; the cycle converges because it is idempotent.
/// </summary>
[DisallowConcurrentExecution]
public sealed partial class RepositoryRefreshJob(
    ServiceFleet fleet, RefreshCycle cycle, RunningJobs running, TimeProvider time, ILogger<RepositoryRefreshJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var repository = fleet.ByJobName(context.JobDetail.Key.Name);
        if (repository is null)
        {
            LogUnknown(logger, context.JobDetail.Key.Name);
            return;
        }

        var jitter = fleet.Config.Service.Jitter;
        if (!context.Recovering && context.Trigger.Key.Name.StartsWith(ScheduleKeys.CronPrefix, StringComparison.Ordinal) && jitter > TimeSpan.Zero)
        {
            var delay = TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * jitter.TotalMilliseconds);
            var at = time.GetUtcNow() + delay;
            var trigger = TriggerBuilder.Create()
                .WithIdentity(ScheduleKeys.Jitter(repository.Id))
                .ForJob(context.JobDetail.Key)
                .StartAt(at)
                .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
                .Build();
            var result = await context.Scheduler.ScheduleTrigger(trigger, TriggerConflict.Keep, cancellationToken).ConfigureAwait(false);
            LogJittered(logger, repository.Id, result.NextFireTimeUtc);
            return;
        }

        using var _ = running.Enter();
        LogStarting(logger, repository.Id, context.Trigger.Key.Name, context.Recovering);
        try
        {
            var report = await cycle.RunAsync([repository], new RefreshOptions(fleet.Config.Git.Author, DryRun: false), cancellationToken)
                .ConfigureAwait(false);
            context.Result = report.Repositories.Count > 0 ? report.Repositories[0].Status.ToString() : null;
        }
        catch (Exception e) when (cancellationToken.IsCancellationRequested && e is not OperationCanceledException)
        {
            // Cancelled mid-way (shutdown): whatever the cancelled step threw, say "cancelled" so the firing is handed back.
            LogCancelled(logger, repository.Id);
            throw new OperationCanceledException("refresh cancelled by shutdown", e, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            LogCancelled(logger, repository.Id);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {Job}: no such repository in the config (left over from an older config?)")]
    private static partial void LogUnknown(ILogger logger, string job);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Repository}: scheduled run at {At}")]
    private static partial void LogJittered(ILogger logger, string repository, DateTimeOffset at);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Repository}: refresh starting ({Trigger}, recovering: {Recovering})")]
    private static partial void LogStarting(ILogger logger, string repository, string trigger, bool recovering);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Repository}: refresh cancelled by shutdown; it runs again at the next start")]
    private static partial void LogCancelled(ILogger logger, string repository);
}

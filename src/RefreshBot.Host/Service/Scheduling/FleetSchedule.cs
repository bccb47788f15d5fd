using Microsoft.Extensions.Logging;
using Quartz;
using RefreshBot.Host.Config;
using RefreshBot.Host.Service.Jobs;

namespace RefreshBot.Host.Service.Scheduling;

/// <summary>
/// Brings the stored jobs in line with the config at start (and the discovered fleet at each re-discovery): repositories no longer in the config lose their job and
/// triggers; a changed schedule replaces the cron trigger; new repositories get theirs. An unchanged cron trigger is
/// left alone, so a firing missed while the service was down still fires once (its misfire policy). Safe when several
/// nodes reconcile the same database at once (every write is an upsert or a delete).
/// </summary>
public sealed partial class FleetSchedule(ServiceFleet fleet, ILogger<FleetSchedule> logger)
{
    public Task ReconcileAsync(IScheduler scheduler, CancellationToken cancellationToken) => ReconcileAsync(scheduler, removeMissing: true, cancellationToken);

    /// <param name="removeMissing">False when discovery could not read every source: jobs of repositories not in the fleet
    /// are then kept (a failing source must not unschedule its repositories), and removed by the next complete reconcile.</param>
    public async Task ReconcileAsync(IScheduler scheduler, bool removeMissing, CancellationToken cancellationToken)
    {
        var wanted = fleet.Repositories.ToDictionary(r => ScheduleKeys.Refresh(r.Id), r => r);
        var stored = await scheduler.QueryJobs(new JobQuery { Group = GroupMatcher<JobKey>.GroupEquals(ScheduleKeys.RefreshGroup), Take = PagedQuery.All }, cancellationToken).ConfigureAwait(false);
        foreach (var job in stored.Items.Select(header => header.Key).Where(key => removeMissing && !wanted.ContainsKey(key)))
        {
            await scheduler.DeleteJob(job, cancellationToken).ConfigureAwait(false);
            LogRemoved(logger, job.Name);
        }

        foreach (var (key, repository) in wanted)
        {
            var job = JobBuilder.Create<RepositoryRefreshJob>()
                .WithIdentity(key)
                .WithDescription("refresh " + repository.Id)
                .StoreDurably()
                .RequestRecovery()
                .Build();
            await EnsureAsync(scheduler, job, ScheduleKeys.Cron(repository.Id), fleet.ScheduleOf(repository), cancellationToken).ConfigureAwait(false);
        }

        var digest = JobBuilder.Create<WeeklyDigestJob>().WithIdentity(ScheduleKeys.WeeklyDigest).StoreDurably().Build();
        await EnsureAsync(scheduler, digest, ScheduleKeys.SystemCron(digest.Key), fleet.Config.Service.Digest, cancellationToken).ConfigureAwait(false);
        await EnsureSystemJobAsync<DiscoveryJob>(scheduler, ScheduleKeys.Discovery, fleet.Config.Discover.Count > 0, fleet.Config.Service.Discovery, cancellationToken)
            .ConfigureAwait(false);
        await EnsureSystemJobAsync<VulnerabilityDataJob>(
            scheduler, ScheduleKeys.VulnerabilityData, fleet.Config.Vulnerabilities.OsvDirectory is not null, fleet.Config.Service.VulnerabilityRefresh, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>A system job with its cron when <paramref name="wanted"/>, else removed.</summary>
    private async Task EnsureSystemJobAsync<TJob>(IScheduler scheduler, JobKey key, bool wanted, RefreshSchedule schedule, CancellationToken cancellationToken)
        where TJob : IJob
    {
        if (wanted)
        {
            var job = JobBuilder.Create<TJob>().WithIdentity(key).StoreDurably().RequestRecovery().Build();
            await EnsureAsync(scheduler, job, ScheduleKeys.SystemCron(key), schedule, cancellationToken).ConfigureAwait(false);
        }
        else if (await scheduler.DeleteJob(key, cancellationToken).ConfigureAwait(false))
        {
            LogRemoved(logger, key.Name);
        }
    }

    private async Task EnsureAsync(IScheduler scheduler, IJobDetail job, TriggerKey key, RefreshSchedule schedule, CancellationToken cancellationToken)
    {
        var zone = schedule.TimeZone is { } id ? TimeZoneInfo.FindSystemTimeZoneById(id) : TimeZoneInfo.Utc;
        var existing = await scheduler.GetTrigger(key, cancellationToken).ConfigureAwait(false);
        var storedJob = await scheduler.GetJobDetail(job.Key, cancellationToken).ConfigureAwait(false);
        if (existing is ICronTrigger cron && cron.CronExpressionString == schedule.Cron && cron.TimeZone.Id == zone.Id
            && storedJob?.JobType.Type == job.JobType.Type)
        {
            return;
        }

        if (!FiresAgain(schedule.Cron, zone))
        {
            // e.g. a cron with a year that has passed: keep the job (a recovery or an early run may still need it).
            await scheduler.AddJob(job, new AddJobOptions { Replace = true }, cancellationToken).ConfigureAwait(false);
            await scheduler.UnscheduleJob(key, cancellationToken).ConfigureAwait(false);
            LogNeverFires(logger, job.Key.Name, schedule.Cron);
            return;
        }

        var trigger = TriggerBuilder.Create()
            .WithIdentity(key)
            .ForJob(job.Key)
            .WithCronSchedule(schedule.Cron, cronSchedule => cronSchedule.InTimeZone(zone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
            .Build();
        await scheduler.ScheduleJob(job, trigger, ScheduleJobOptions.Replacing, cancellationToken).ConfigureAwait(false);
        LogScheduled(logger, job.Key.Name, schedule.Cron, zone.Id, existing is null ? "added" : "replaced");
    }

    private static bool FiresAgain(string cron, TimeZoneInfo zone) =>
        new CronExpression(cron, zone).GetNextValidTimeAfter(DateTimeOffset.UtcNow) is not null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {Job}: its schedule '{Cron}' never fires again; the job is kept without it")]
    private static partial void LogNeverFires(ILogger logger, string job, string cron);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {Job} removed: no longer in the config (or no longer discovered)")]
    private static partial void LogRemoved(ILogger logger, string job);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {Job} scheduled '{Cron}' ({TimeZone}): {Change}")]
    private static partial void LogScheduled(ILogger logger, string job, string cron, string timeZone, string change);
}

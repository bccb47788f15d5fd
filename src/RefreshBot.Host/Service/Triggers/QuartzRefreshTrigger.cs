using Microsoft.Extensions.Logging;
using Quartz;
using RefreshBot.Application.Refresh.Triggers;
using RefreshBot.Host.Service.Jobs;
using RefreshBot.Host.Service.Scheduling;

namespace RefreshBot.Host.Service.Triggers;

/// <summary>
/// <see cref="IRefreshTrigger"/> on Quartz: an early run is a persisted one-shot trigger <c>soon:&lt;id&gt;</c> on the
/// repository's job, <paramref name="delay"/> from the first request (default 30 s). While it is pending, more requests
/// change nothing (<see cref="TriggerResult.AlreadyPending"/>): the store decides under its own lock, so two nodes asking
/// at once store one trigger. The job is <c>[DisallowConcurrentExecution]</c>, so an early run never overlaps a scheduled one.
/// </summary>
public sealed partial class QuartzRefreshTrigger(
    ISchedulerFactory schedulers, ServiceFleet fleet, TimeProvider time, ILogger<QuartzRefreshTrigger> logger, TimeSpan? delay = null)
    : IRefreshTrigger
{
    public static readonly TimeSpan DefaultDelay = TimeSpan.FromSeconds(30);

    private readonly TimeSpan _delay = delay ?? DefaultDelay;

    public IReadOnlyCollection<string> Repositories => [.. fleet.Repositories.Select(r => r.Id)];

    public async Task<TriggerResult> RequestAsync(string repositoryId, string reason, CancellationToken cancellationToken)
    {
        if (fleet.ById(repositoryId) is null)
        {
            return TriggerResult.UnknownRepository;
        }

        var scheduler = await schedulers.GetScheduler(cancellationToken).ConfigureAwait(false);
        var trigger = TriggerBuilder.Create()
            .WithIdentity(ScheduleKeys.Soon(repositoryId))
            .ForJob(ScheduleKeys.Refresh(repositoryId))
            .WithDescription(reason)
            .StartAt(time.GetUtcNow() + _delay)
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
        TriggerResult result;
        try
        {
            var scheduled = await scheduler.ScheduleTrigger(trigger, TriggerConflict.Keep, cancellationToken).ConfigureAwait(false);
            result = scheduled.Outcome == ScheduleOutcome.Kept ? TriggerResult.AlreadyPending : TriggerResult.Requested;
        }
        catch (ObjectAlreadyExistsException)
        {
            result = TriggerResult.AlreadyPending;
        }

        LogRequested(logger, repositoryId, reason, result);
        return result;
    }

    public async Task<int> RequestAllAsync(string reason, CancellationToken cancellationToken)
    {
        var requested = 0;
        foreach (var repository in fleet.Repositories)
        {
            if (await RequestAsync(repository.Id, reason, cancellationToken).ConfigureAwait(false) == TriggerResult.Requested)
            {
                requested++;
            }
        }

        return requested;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Repository}: early run requested ({Reason}): {Result}")]
    private static partial void LogRequested(ILogger logger, string repository, string reason, TriggerResult result);
}

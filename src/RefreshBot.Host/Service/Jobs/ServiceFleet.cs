using RefreshBot.Application.Fleet;
using RefreshBot.Host.Config;

namespace RefreshBot.Host.Service.Jobs;

/// <summary>The fleet the service was started with, by repository id and by job name.</summary>
public sealed class ServiceFleet(RefreshBotConfig config)
{
    private readonly Dictionary<string, TrackedRepository> _byJobName =
        config.Repositories.ToDictionary(r => Scheduling.ScheduleKeys.Refresh(r.Id).Name, StringComparer.Ordinal);

    public RefreshBotConfig Config { get; } = config;

    public IReadOnlyList<TrackedRepository> Repositories => Config.Repositories;

    public TrackedRepository? ByJobName(string jobName) => _byJobName.GetValueOrDefault(jobName);

    public TrackedRepository? ById(string id) => Config.Repositories.FirstOrDefault(r => r.Id == id);

    /// <summary>The repository's schedule, or the service's default.</summary>
    public RefreshSchedule ScheduleOf(TrackedRepository repository) =>
        repository.Schedule is { } cron ? new RefreshSchedule(cron, repository.ScheduleTimeZone) : Config.Service.DefaultSchedule;
}

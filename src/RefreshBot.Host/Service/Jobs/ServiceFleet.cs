using RefreshBot.Application.Fleet;
using RefreshBot.Host.Config;

namespace RefreshBot.Host.Service.Jobs;

/// <summary>
/// The fleet the service runs, by repository id and by job name: the configured repositories, replaced by configured +
/// discovered ones once discovery ran (<see cref="Replace"/>, at start and at each re-discovery).
/// </summary>
public sealed class ServiceFleet(RefreshBotConfig config)
{
    private volatile Snapshot _current = new(config.Repositories);

    public RefreshBotConfig Config { get; } = config;

    public IReadOnlyList<TrackedRepository> Repositories => _current.Repositories;

    public TrackedRepository? ByJobName(string jobName) => _current.ByJobName.GetValueOrDefault(jobName);

    public TrackedRepository? ById(string id) => _current.Repositories.FirstOrDefault(r => r.Id == id);

    /// <summary>Makes <paramref name="repositories"/> the fleet (atomically for readers).</summary>
    public void Replace(IReadOnlyList<TrackedRepository> repositories) => _current = new Snapshot(repositories);

    /// <summary>The repository's schedule, or the service's default.</summary>
    public RefreshSchedule ScheduleOf(TrackedRepository repository) =>
        repository.Schedule is { } cron ? new RefreshSchedule(cron, repository.ScheduleTimeZone) : Config.Service.DefaultSchedule;

    private sealed class Snapshot(IReadOnlyList<TrackedRepository> repositories)
    {
        public IReadOnlyList<TrackedRepository> Repositories { get; } = repositories;

        public Dictionary<string, TrackedRepository> ByJobName { get; } =
            repositories.ToDictionary(r => Scheduling.ScheduleKeys.Refresh(r.Id).Name, StringComparer.Ordinal);
    }
}

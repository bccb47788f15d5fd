using Microsoft.Extensions.DependencyInjection;
using Quartz;
using RefreshBot.Adapters.History;
using RefreshBot.Host.Config;
using RefreshBot.Host.Service;
using RefreshBot.Host.Service.Jobs;
using RefreshBot.Host.Service.Scheduling;

namespace RefreshBot.Integration.Tests.Discovery;

/// <summary>The service discovers at start: a job per discovered repository; jobs of repositories no longer found go,
/// unless a source failed (then nothing it might have found is unscheduled).</summary>
public sealed class ServiceDiscoveryTests : IAsyncLifetime
{
    private readonly DiscoveryWorld _world = new();

    public Task InitializeAsync() => _world.InitializeAsync();

    public Task DisposeAsync() => _world.DisposeAsync();

    [Fact]
    public async Task Start_schedules_discovered_repositories_and_reconciles_them_on_the_next_start()
    {
        _world.GitHub.AddOrganization("acme");
        _world.GitHub.SeedRepository("acme", "web", ["Dockerfile"]);
        var api = _world.GitHub.SeedRepository("acme", "api", ["svc/Dockerfile"]);
        _world.GitHub.SeedRepository("acme", "docs", ["README.md"]);
        var config = _world.Load("""
            discover:
              - org: acme
            repositories:
              - github: acme/pinned
            service:
              listen: http://127.0.0.1:0
            """);

        Assert.Equal(["acme/api", "acme/pinned", "acme/web"], await StartAndListJobsAsync(config));

        api.Archived = true;
        Assert.Equal(["acme/pinned", "acme/web"], await StartAndListJobsAsync(config));

        // A failing source at start: its repositories' jobs are kept (a 5xx must not unschedule them).
        _world.GitHub.Faults.ServerError(count: 3, status: 500, method: "GET", pathContains: "/orgs/acme/repos");
        Assert.Equal(["acme/pinned", "acme/web"], await StartAndListJobsAsync(config, expectFleet: ["acme/pinned"]));
    }

    private static async Task<IReadOnlyList<string>> StartAndListJobsAsync(RefreshBotConfig config, string[]? expectFleet = null)
    {
        await using var history = await HistoryStores.OpenAsync(config.Storage.Database, default);
        await using var app = WorkerService.Build(config, history, cacheFolder: null);
        await app.StartAsync();
        try
        {
            var fleet = app.Services.GetRequiredService<ServiceFleet>();
            if (expectFleet is not null)
            {
                Assert.Equal(expectFleet, fleet.Repositories.Select(r => r.Id).Order(StringComparer.Ordinal));
            }

            var scheduler = await app.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
            var jobs = await scheduler.GetJobKeys(GroupMatcher<JobKey>.GroupEquals(ScheduleKeys.RefreshGroup));
            return [.. jobs.Select(j => j.Name).Order(StringComparer.Ordinal)];
        }
        finally
        {
            await app.StopAsync();
        }
    }
}

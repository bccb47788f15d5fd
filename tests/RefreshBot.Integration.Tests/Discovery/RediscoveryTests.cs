using Microsoft.Extensions.DependencyInjection;
using Quartz;
using RefreshBot.Adapters.History;
using RefreshBot.Host.Service;
using RefreshBot.Host.Service.Jobs;
using RefreshBot.Host.Service.Scheduling;

namespace RefreshBot.Integration.Tests.Discovery;

/// <summary>The running service re-discovers on <c>service.discovery</c>: a repository added to the organization gets
/// its job without a restart, and an archived one loses it.</summary>
public sealed class RediscoveryTests : IAsyncLifetime
{
    private readonly DiscoveryWorld _world = new();

    public Task InitializeAsync() => _world.InitializeAsync();

    public Task DisposeAsync() => _world.DisposeAsync();

    [Fact]
    public async Task A_running_service_schedules_repositories_added_to_the_organization()
    {
        _world.GitHub.AddOrganization("acme");
        var web = _world.GitHub.SeedRepository("acme", "web", ["Dockerfile"]);
        var config = _world.Load("""
            discover:
              - org: acme
            service:
              listen: http://127.0.0.1:0
              discovery: "0/2 * * * * ?"
            """);

        await using var history = await HistoryStores.OpenAsync(config.Storage.Database, default);
        await using var app = WorkerService.Build(config, history, cacheFolder: null);
        await app.StartAsync();
        try
        {
            var scheduler = await app.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
            Assert.Equal(["acme/web"], await RefreshJobsAsync(scheduler));
            var discovery = await scheduler.GetTrigger(ScheduleKeys.SystemCron(ScheduleKeys.Discovery));
            Assert.Equal("0/2 * * * * ?", Assert.IsAssignableFrom<ICronTrigger>(discovery).CronExpressionString);

            _world.GitHub.SeedRepository("acme", "api", ["svc/Dockerfile"]);
            _world.GitHub.SeedRepository("acme", "docs", ["README.md"]);
            await WaitForAsync(scheduler, ["acme/api", "acme/web"]);
            Assert.Contains("acme/api", app.Services.GetRequiredService<ServiceFleet>().Repositories.Select(r => r.Id));

            web.Archived = true;
            await WaitForAsync(scheduler, ["acme/api"]);
        }
        finally
        {
            await app.StopAsync();
        }
    }

    [Fact]
    public async Task Without_discover_sources_no_discovery_job_is_scheduled()
    {
        var config = _world.Load("""
            repositories:
              - github: acme/pinned
            service:
              listen: http://127.0.0.1:0
              discovery: "0/2 * * * * ?"
            """);

        await using var history = await HistoryStores.OpenAsync(config.Storage.Database, default);
        await using var app = WorkerService.Build(config, history, cacheFolder: null);
        await app.StartAsync();
        try
        {
            var scheduler = await app.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
            Assert.Null(await scheduler.GetJobDetail(ScheduleKeys.Discovery));
            Assert.Equal(["acme/pinned"], await RefreshJobsAsync(scheduler));
        }
        finally
        {
            await app.StopAsync();
        }
    }

    private static async Task WaitForAsync(IScheduler scheduler, string[] expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        IReadOnlyList<string> jobs = [];
        while (DateTime.UtcNow < deadline)
        {
            jobs = await RefreshJobsAsync(scheduler);
            if (jobs.SequenceEqual(expected))
            {
                return;
            }

            await Task.Delay(250);
        }

        Assert.Equal(expected, jobs);
    }

    private static async Task<IReadOnlyList<string>> RefreshJobsAsync(IScheduler scheduler)
    {
        var jobs = await scheduler.GetJobKeys(GroupMatcher<JobKey>.GroupEquals(ScheduleKeys.RefreshGroup));
        return [.. jobs.Select(j => j.Name).Order(StringComparer.Ordinal)];
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RefreshBot.Adapters.History;
using RefreshBot.Adapters.Registry;
using RefreshBot.Application.Ports;
using RefreshBot.Application.Refresh;
using RefreshBot.Domain.References;
using RefreshBot.Host.Composition;
using RefreshBot.Host.Config;
using RefreshBot.Integration.Tests.EndToEnd;
using RefreshBot.Integration.Tests.Events;
using RefreshBot.Testing.Registry;

namespace RefreshBot.Integration.Tests.Metrics;

/// <summary>GET /metrics scraped over HTTP and parsed, after real registry look-ups, real refreshes and events.</summary>
public sealed class MetricsEndpointTests
{
    private static async Task<PrometheusText> ScrapeAsync(EventServer server)
    {
        using var response = await server.Http.GetAsync("metrics");
        Assert.Equal(200, (int)response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType);
        return PrometheusText.Parse(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Registry_requests_are_counted_by_host_and_status_with_the_rate_limit_left()
    {
        await using var server = await EventServer.StartAsync(EventFleets.Settings());
        await using var registry = await ProxiedRegistry.StartAsync();
        await registry.Pusher.PushImageAsync("team/base", "1");
        await registry.Pusher.PushImageAsync("team/base", "2");
        registry.Proxy.ExtraResponseHeaders["ratelimit-remaining"] = "97;w=21600";
        var image = ImageReference.Parse(registry.Host + "/team/base");
        var before = await ScrapeAsync(server);

        using var client = RegistryClient.Create(new RegistryClientOptions(), metrics: server.Metrics);
        await client.HeadManifestAsync(image, "1", default);
        await client.HeadManifestAsync(image, "2", default);
        await client.GetManifestAsync(image, "1", default);
        var missing = await Assert.ThrowsAsync<RegistryException>(() => client.HeadManifestAsync(image, "nope", default));
        var after = await ScrapeAsync(server);

        Assert.Equal(RegistryErrorKind.NotFound, missing.Kind);
        Assert.Equal(0, before.Value("refreshbot_registry_requests_total", ("registry", registry.Host)));
        Assert.Equal(3, after.Value("refreshbot_registry_requests_total", ("registry", registry.Host), ("status", "200")));
        Assert.Equal(1, after.Value("refreshbot_registry_requests_total", ("registry", registry.Host), ("status", "404")));
        // what the registry really answered, as seen on the wire
        Assert.Equal(3, registry.Proxy.Requests.Count(r => r.Status == 200));
        Assert.Equal(1, registry.Proxy.Requests.Count(r => r.Status == 404));
        Assert.Equal(97, after.Value("refreshbot_registry_rate_limit_remaining", ("registry", registry.Host)));
        Assert.Equal("counter", after.Types["refreshbot_registry_requests_total"]);
        Assert.Equal("gauge", after.Types["refreshbot_registry_rate_limit_remaining"]);
    }

    [Fact]
    public async Task A_real_refresh_counts_cycles_durations_pull_requests_and_registry_requests()
    {
        var world = new RefreshWorld();
        await world.InitializeAsync();
        try
        {
            await using var server = await EventServer.StartAsync(EventFleets.Settings());
            world.Registry.Proxy.ResetCounts();

            var first = await RunAsync(world, server);
            var afterFirst = await ScrapeAsync(server);
            await world.MoveTagAsync();
            var second = await RunAsync(world, server);
            var afterSecond = await ScrapeAsync(server);

            Assert.Equal((1, 0), (first.Repositories.Sum(r => r.Created), first.Failed));
            Assert.Single(world.Pulls);
            Assert.Equal(world.Pulls.Count, afterFirst.Value("refreshbot_pull_requests_total", ("action", "opened")));
            Assert.Equal(0, afterFirst.Value("refreshbot_pull_requests_total", ("action", "updated")));
            Assert.Equal(1, afterFirst.Value("refreshbot_cycles_total"));
            Assert.Equal(1, second.Repositories.Sum(r => r.Updated));
            Assert.Equal(1, afterSecond.Value("refreshbot_pull_requests_total", ("action", "opened")));
            Assert.Equal(1, afterSecond.Value("refreshbot_pull_requests_total", ("action", "updated")));
            Assert.Equal(2, afterSecond.Value("refreshbot_cycles_total"));
            Assert.Equal(0, afterSecond.Value("refreshbot_failures_total"));

            var duration = afterSecond.Value("refreshbot_repository_last_refresh_duration_seconds", ("repository", "team/app"));
            Assert.InRange(duration, double.Epsilon, 600);
            Assert.Equal(2, afterSecond.Value("refreshbot_repository_refresh_duration_seconds_count", ("outcome", "succeeded")));
            Assert.Equal(2, afterSecond.Value("refreshbot_repository_refresh_duration_seconds_bucket", ("outcome", "succeeded"), ("le", "+Inf")));

            // every registry response the bot got is counted, by status, exactly as the registry sent them
            foreach (var status in world.Registry.Proxy.Requests.Select(r => r.Status).Distinct())
            {
                Assert.Equal(
                    world.Registry.Proxy.Requests.Count(r => r.Status == status),
                    afterSecond.Value("refreshbot_registry_requests_total", ("registry", world.Registry.Host), ("status", status.ToString(System.Globalization.CultureInfo.InvariantCulture))));
            }

            Assert.Equal(world.Registry.Proxy.Total, afterSecond.Value("refreshbot_registry_requests_total", ("registry", world.Registry.Host)));
            Assert.True(world.Registry.Proxy.Total > 0);

            // each family declares its Prometheus type; counters, and only counters, end in _total
            Assert.Equal("counter", afterSecond.Types["refreshbot_cycles_total"]);
            Assert.Equal("counter", afterSecond.Types["refreshbot_pull_requests_total"]);
            Assert.Equal("counter", afterSecond.Types["refreshbot_registry_requests_total"]);
            Assert.Equal("histogram", afterSecond.Types["refreshbot_repository_refresh_duration_seconds"]);
            Assert.Equal("gauge", afterSecond.Types["refreshbot_repository_last_refresh_duration_seconds"]);
            Assert.All(afterSecond.Types, t => Assert.Equal(t.Value == "counter", t.Key.EndsWith("_total", StringComparison.Ordinal)));
            Assert.All(afterSecond.Samples, s => Assert.Contains(afterSecond.Types.Keys, family => s.Name == family || s.Name.StartsWith(family + "_", StringComparison.Ordinal)));
        }
        finally
        {
            await world.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_failing_repository_is_counted_by_kind_of_failure()
    {
        var world = new RefreshWorld();
        await world.InitializeAsync();
        try
        {
            await using var server = await EventServer.StartAsync(EventFleets.Settings());
            world.GitHub.Faults.ServerError(count: 4, method: "POST", pathContains: "team/app/pulls");

            var report = await RunAsync(world, server);
            var scraped = await ScrapeAsync(server);

            Assert.Equal(1, report.Failed);
            Assert.Equal(1, scraped.Value("refreshbot_failures_total", ("kind", "code-host")));
            Assert.Equal(1, scraped.Value("refreshbot_failures_total"));
            Assert.Equal(1, scraped.Value("refreshbot_repository_refresh_duration_seconds_count", ("outcome", "failed")));
            Assert.Equal(0, scraped.Value("refreshbot_pull_requests_total"));
            Assert.Equal("counter", scraped.Types["refreshbot_failures_total"]);
        }
        finally
        {
            await world.DisposeAsync();
        }
    }

    [Fact]
    public async Task Events_are_counted_by_source_and_result_and_each_service_exports_only_its_own()
    {
        await using var server = await EventServer.StartAsync(EventFleets.Settings(), [EventFleets.GitHub("team/app")]);
        await using var other = await EventServer.StartAsync(EventFleets.Settings(), [EventFleets.GitHub("team/app")]);

        await server.PostAsync("trigger", "");
        await server.PostAsync("trigger", "", ("Authorization", "Bearer " + EventFleets.TriggerToken));
        await server.PostAsync("trigger", "", ("Authorization", "Bearer " + EventFleets.TriggerToken));
        await server.PostAsync("events/registry", "{\"events\":[]}", ("Authorization", EventFleets.RegistrySecret));
        await server.PostAsync("events/github", "{}", ("X-GitHub-Event", "ping"));
        var scraped = await ScrapeAsync(server);
        var otherScraped = await ScrapeAsync(other);

        Assert.Equal(1, scraped.Value("refreshbot_events_total", ("source", "trigger"), ("result", "unauthorized")));
        Assert.Equal(2, scraped.Value("refreshbot_events_total", ("source", "trigger"), ("result", "requested")));
        Assert.Equal(1, scraped.Value("refreshbot_events_total", ("source", "registry"), ("result", "ignored")));
        Assert.Equal(1, scraped.Value("refreshbot_events_total", ("source", "github"), ("result", "unauthorized")));
        Assert.Equal(5, scraped.Value("refreshbot_events_total"));
        Assert.Equal(0, otherScraped.Value("refreshbot_events_total"));
        Assert.Equal("counter", scraped.Types["refreshbot_events_total"]);
        Assert.All(scraped.Samples, s => Assert.StartsWith("refreshbot_", s.Name));
    }

    /// <summary>One cycle through the real composition of <c>refreshbot run</c>, measured by <paramref name="server"/>'s metrics.</summary>
    private static async Task<Application.Refresh.Reporting.CycleReport> RunAsync(RefreshWorld world, EventServer server)
    {
        var config = ConfigLoader.LoadFile(world.WriteConfig());
        await using var history = await SqliteRefreshHistory.OpenAsync(config.Storage.DataDir, default);
        var services = new ServiceCollection().AddSingleton(server.Metrics).AddRefreshBotRun(config, history, cacheFolder: null, world.Time);
        services.AddLogging(logging => logging.AddProvider(world.Logs));
        await using var provider = services.BuildServiceProvider();
        return await provider.GetRequiredService<RefreshCycle>().RunAsync(config.Repositories, new RefreshOptions(config.Git.Author), default);
    }
}

using Microsoft.Extensions.DependencyInjection;
using RefreshBot.Adapters.History;
using RefreshBot.Application.Refresh.Triggers;
using RefreshBot.Host.Config;
using RefreshBot.Host.Service;

namespace RefreshBot.Integration.Tests.Service;

/// <summary>The service's <see cref="IRefreshTrigger"/>: a debounced, persisted one-shot trigger per repository.</summary>
public sealed class QuartzRefreshTriggerTests : IAsyncLifetime
{
    private readonly ServiceWorld _service = new();

    public Task InitializeAsync() => _service.InitializeAsync();

    public Task DisposeAsync() => _service.DisposeAsync();

    [Fact]
    public async Task An_early_run_is_requested_once_then_pending_and_unknown_repositories_are_refused()
    {
        _service.WriteConfig("0 0 3 * * ?");
        var loaded = ConfigLoader.LoadFile(_service.ConfigPath);
        var config = loaded with { Service = loaded.Service with { Listen = new Uri("http://127.0.0.1:0") } };
        await using (var history = await HistoryStores.OpenAsync(config.Storage.Database, default))
        {
            await using var app = WorkerService.Build(config, history, cacheFolder: null);
            await app.StartAsync();
            var trigger = app.Services.GetRequiredService<IRefreshTrigger>();

            var first = await trigger.RequestAsync("team/app", "registry push team/base:1", default);
            var second = await trigger.RequestAsync("team/app", "registry push team/base:1", default);
            var unknown = await trigger.RequestAsync("team/nope", "manual", default);

            Assert.Equal(TriggerResult.Requested, first);
            Assert.Equal(TriggerResult.AlreadyPending, second);
            Assert.Equal(TriggerResult.UnknownRepository, unknown);
            Assert.Equal(["team/app"], trigger.Repositories);
            Assert.Equal(0, await trigger.RequestAllAsync("manual", default));
            await app.StopAsync();
        }

        var soon = Assert.Single(_service.Query("SELECT TRIGGER_NAME, JOB_NAME, DESCRIPTION FROM QRTZ_TRIGGERS WHERE TRIGGER_NAME LIKE 'soon:%'"));
        Assert.Equal(["soon:team/app", "team/app", "registry push team/base:1"], soon);
    }
}

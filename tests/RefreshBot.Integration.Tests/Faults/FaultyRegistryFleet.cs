using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RefreshBot.Adapters.History;
using RefreshBot.Adapters.Registry;
using RefreshBot.Application.Refresh;
using RefreshBot.Application.Refresh.Reporting;
using RefreshBot.Domain.References;
using RefreshBot.Host.Composition;
using RefreshBot.Host.Config;
using RefreshBot.Integration.Tests.EndToEnd;

namespace RefreshBot.Integration.Tests.Faults;

/// <summary>
/// A <see cref="RefreshWorld"/> whose team/other has its OWN image (team/otherbase, same registry), so a fault
/// filtered on <c>/v2/team/base/</c> hits team/app only. Cycles run the real composition of <c>run --once</c>
/// with the registry client's timeouts and retries shortened (the config has no keys for them), so a timeout
/// costs seconds, not minutes.
/// </summary>
public sealed class FaultyRegistryFleet(Action<string>? output = null) : IAsyncLifetime
{
    /// <summary>The path every request about team/app's image has, and no other.</summary>
    public const string AppImagePath = "/v2/team/base/";

    public RefreshWorld World { get; } = new();

    public FaultConvergence Check { get; private set; } = null!;

    /// <summary>Timeouts, retries and waits of the fault tests' registry client.</summary>
    public static RegistryClientOptions Shorten(RegistryClientOptions options) => options with
    {
        RequestTimeout = TimeSpan.FromSeconds(2),
        MaxRetries = 2,
        RetryBaseDelay = TimeSpan.FromMilliseconds(20),
        MaxRetryDelay = TimeSpan.FromMilliseconds(100),
        MaxRetryAfter = TimeSpan.FromSeconds(5),
        UnreachableCooldown = TimeSpan.Zero,
    };

    public async Task InitializeAsync()
    {
        await World.InitializeAsync();
        var oldOther = (await World.Registry.Pusher.PushImageAsync("team/otherbase", "1")).Digest;
        await World.Registry.Pusher.PushImageAsync("team/otherbase", "1");
        await World.GitHub.CreateRepositoryAsync("team", "other", new Dictionary<string, string> { ["Dockerfile"] = OtherDockerfile(oldOther) });
        Check = new FaultConvergence(World, "team/app", "team/other") { Cycle = RunAsync, Output = output };
    }

    public Task DisposeAsync() => World.DisposeAsync();

    /// <summary>Replaces team/app's Dockerfile so it pins <paramref name="image"/> (e.g. on another registry).</summary>
    public async Task PinAppAsync(string image, Digest pin)
    {
        var content = $"FROM {image}:1@{pin}\nRUN echo app\n";
        await World.Repo.Git.CommitAsync("main", new Dictionary<string, string> { ["Dockerfile"] = content }, "use " + image);
    }

    private string OtherDockerfile(Digest pin) => $"FROM {World.Registry.Host}/team/otherbase:1@{pin}\nRUN echo other\n";

    private async Task<CycleReport> RunAsync(IReadOnlyList<string> repositories)
    {
        var config = ConfigLoader.LoadFile(World.WriteConfig([.. repositories]));
        await using var history = await SqliteRefreshHistory.OpenAsync(config.Storage.DataDir, default);
        var services = new ServiceCollection().AddRefreshBotRun(config, history, cacheFolder: null, World.Time);
        var options = Shorten(RegistryServices.ToOptions(config));
        services.AddSingleton(provider => RegistryClient.Create(options, loggerFactory: provider.GetRequiredService<ILoggerFactory>()));
        services.AddLogging(logging => logging.AddProvider(World.Logs).SetMinimumLevel(LogLevel.Trace));
        await using var provider = services.BuildServiceProvider();
        return await provider.GetRequiredService<RefreshCycle>().RunAsync(
            config.Repositories, new RefreshOptions(config.Git.Author, false, MaxConcurrentRepositories: World.Concurrency), default);
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RefreshBot.Adapters.History;
using RefreshBot.Application.Refresh;
using RefreshBot.Application.Refresh.Reporting;
using RefreshBot.Host.Composition;
using RefreshBot.Host.Config;
using RefreshBot.Integration.Tests.EndToEnd;

namespace RefreshBot.Integration.Tests.Overrides;

/// <summary>
/// <see cref="RefreshWorld"/> (real registry, git smart HTTP, fake GitHub; fleet labels [dependencies, docker], reviewer
/// octocat) plus the repository's own settings file committed on its target branch and an <c>overrides:</c> section.
/// </summary>
public sealed class OverridesWorld : IAsyncLifetime
{
    public RefreshWorld World { get; } = new();

    /// <summary>The fleet config's <c>overrides:</c> section (YAML lines, indented by two); null: not written.</summary>
    public string? OverridesSection { get; set; }

    public Task InitializeAsync() => World.InitializeAsync();

    public Task DisposeAsync() => World.DisposeAsync();

    /// <summary>Commits <paramref name="content"/> as <paramref name="path"/> on the target branch (main).</summary>
    public Task CommitAsync(string path, string content) =>
        World.Repo.Git.CommitAsync("main", new Dictionary<string, string> { [path] = content }, "Settings for RefreshBot");

    /// <summary>One cycle through the real composition of <c>refreshbot run --once</c>; the repository's outcome.</summary>
    public async Task<RepositoryOutcome> RunAsync()
    {
        var config = ConfigLoader.LoadFile(await WriteConfigAsync());
        await using var history = await SqliteRefreshHistory.OpenAsync(config.Storage.DataDir, default);
        var services = new ServiceCollection().AddRefreshBotRun(config, history, cacheFolder: null, World.Time);
        services.AddLogging(logging => logging.AddProvider(World.Logs).SetMinimumLevel(LogLevel.Trace));
        await using var provider = services.BuildServiceProvider();
        var report = await provider.GetRequiredService<RefreshCycle>().RunAsync(config.Repositories, new RefreshOptions(config.Git.Author), default);
        return Assert.Single(report.Repositories);
    }

    /// <summary>The fleet config (<see cref="RefreshWorld.WriteConfig"/> plus <see cref="OverridesSection"/>); its path.</summary>
    public async Task<string> WriteConfigAsync()
    {
        var path = World.WriteConfig();
        if (OverridesSection is not null)
        {
            await File.AppendAllTextAsync(path, "\noverrides:\n" + OverridesSection + "\n");
        }

        return path;
    }
}

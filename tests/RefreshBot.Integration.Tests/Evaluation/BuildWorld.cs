using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RefreshBot.Adapters.History;
using RefreshBot.Application.Refresh;
using RefreshBot.Application.Refresh.Reporting;
using RefreshBot.Host.Composition;
using RefreshBot.Host.Config;
using RefreshBot.Testing.Git;
using RefreshBot.Testing.GitHub;
using RefreshBot.Testing.Logging;
using RefreshBot.Testing.Registry;
using RefreshBot.Testing.RootFs;

namespace RefreshBot.Integration.Tests.Evaluation;

/// <summary>
/// An end-to-end world with building on: a real registry (base images made from root filesystems with dpkg/apk
/// databases), git smart HTTP, the fake GitHub, an OSV export folder of hand-written records, and the real
/// composition of <c>refreshbot run</c> with <c>build.enabled: true</c> (real dockerd through the docker CLI).
/// </summary>
public sealed class BuildWorld : IAsyncLifetime
{
    public const string Token = "ghp_buildSECRETtoken0000000000000000000";

    public RegistryServer Registry { get; private set; } = null!;

    public GitHttpServer Git { get; private set; } = null!;

    public Testing.GitHub.FakeGitHub GitHub { get; private set; } = null!;

    public string Folder { get; } = Directory.CreateTempSubdirectory("refreshbot-build-").FullName;

    public string OsvDirectory => Path.Combine(Folder, "osv");

    public CapturingLoggerProvider Logs { get; } = new();

    public List<string> Repositories { get; } = [];

    public async Task InitializeAsync()
    {
        Registry = await RegistryServer.StartAsync();
        Git = await GitHttpServer.StartAsync();
        GitHub = await Testing.GitHub.FakeGitHub.StartAsync(Git);
        GitHub.AddToken(Token, "refreshbot");
        Directory.CreateDirectory(OsvDirectory);
        await File.WriteAllTextAsync(Path.Combine(Folder, "token.txt"), Token + "\n");
    }

    public Task<BaseImage> PushDebianAsync(string repository, params BasePackage[] packages) =>
        BaseImageFactory.CreateDebianLikeAsync(Registry.BaseUri, repository, "1", packages);

    public Task<BaseImage> PushAlpineAsync(string repository, params BasePackage[] packages) =>
        BaseImageFactory.CreateAlpineLikeAsync(Registry.BaseUri, repository, "1", packages);

    /// <summary>FROM the tag pinned to <paramref name="image"/>'s digest, through the proxy host the bot resolves against.</summary>
    public string From(BaseImage image) => $"{Registry.Host}/{image.Repository}:{image.Tag}@{image.Digest}";

    public async Task AddRepositoryAsync(string name, string dockerfile)
    {
        await GitHub.CreateRepositoryAsync("team", name, new Dictionary<string, string> { ["Dockerfile"] = dockerfile, ["hello.txt"] = "hi\n" });
        Repositories.Add("team/" + name);
    }

    public void AddOsvRecord(string id, string json) => File.WriteAllText(Path.Combine(OsvDirectory, id + ".json"), json);

    public async Task<CycleReport> RunAsync()
    {
        var yaml = $"""
            github:
              apiUrl: {GitHub.ApiUri}
              token: ${"{"}file:token.txt{"}"}
            git:
              author: {"{"}name: refreshbot, email: bot@refreshbot.test{"}"}
            storage:
              dataDir: {Path.Combine(Folder, "data")}
            defaults:
              buildArgs: {"{"}GREETING: hello{"}"}
            build:
              enabled: true
              timeout: 5m
              memory: 256m
              network: none
            vulnerabilities:
              osvDirectory: osv
            repositories:
            {string.Join("\n", Repositories.Select(e => "  - github: " + e))}
            """;
        var path = Path.Combine(Folder, "refreshbot.yaml");
        await File.WriteAllTextAsync(path, yaml);
        var config = ConfigLoader.LoadFile(path);
        await using var history = await SqliteRefreshHistory.OpenAsync(config.Storage.DataDir, default);
        var services = new ServiceCollection().AddRefreshBotRun(config, history, cacheFolder: null);
        services.AddLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
        await using var provider = services.BuildServiceProvider();
        return await provider.GetRequiredService<RefreshCycle>().RunAsync(
            config.Repositories, new RefreshOptions(config.Git.Author, MaxConcurrentRepositories: 1), default);
    }

    /// <summary>Builds the bot ran so far (succeeded or not), from its log.</summary>
    public int Builds => Logs.Lines.Count(m => m.Contains("built (succeeded", StringComparison.Ordinal));

    /// <summary>The evaluations the history recorded for <paramref name="repository"/> (e.g. <c>team/app</c>).</summary>
    public async Task<IReadOnlyList<Application.Refresh.History.RecordedEvaluation>> EvaluationsAsync(string repository)
    {
        await using var history = await SqliteRefreshHistory.OpenAsync(Path.Combine(Folder, "data"), default);
        return await history.EvaluationsAsync(repository, DateTimeOffset.MinValue, default);
    }

    public FakePullRequest Pull(string repository) => Assert.Single(GitHub.PullRequests("team", repository));

    public int Writes => GitHub.Requests.Count(r => r.Method is "POST" or "PATCH" or "PUT" or "DELETE");

    public async Task DisposeAsync()
    {
        var violations = GitHub.Violations;
        await GitHub.DisposeAsync();
        await Git.DisposeAsync();
        await Registry.DisposeAsync();
        Directory.Delete(Folder, recursive: true);
        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }
}

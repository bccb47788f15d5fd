using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RefreshBot.Adapters.Docker;
using RefreshBot.Adapters.History;
using RefreshBot.Adapters.Layers;
using RefreshBot.Adapters.Registry;
using RefreshBot.Application.Ports;
using RefreshBot.Application.Evaluation.Ports;
using RefreshBot.Application.Refresh;
using RefreshBot.Application.Refresh.Reporting;
using RefreshBot.Domain.References;
using RefreshBot.Host.Composition;
using RefreshBot.Host.Config;
using RefreshBot.Testing.Git;
using RefreshBot.Testing.GitHub;
using RefreshBot.Testing.Logging;
using RefreshBot.Testing.Registry;

namespace RefreshBot.Integration.Tests.EndToEnd;

/// <summary>
/// The whole world of an end-to-end refresh: a real registry (behind a counting proxy), git smart HTTP, the fake
/// GitHub with repository team/app whose Dockerfile pins team/base:1 to an old digest, a data folder, a config file
/// (token from a file), and the real composition of <c>refreshbot run</c> with every log line captured.
/// </summary>
public sealed class RefreshWorld : IAsyncLifetime
{
    public const string Token = "ghp_e2eSECRETtoken00000000000000000000";

    public ProxiedRegistry Registry { get; private set; } = null!;

    public GitHttpServer Git { get; private set; } = null!;

    public Testing.GitHub.FakeGitHub GitHub { get; private set; } = null!;

    public FakeRepository Repo { get; private set; } = null!;

    public string Folder { get; } = Directory.CreateTempSubdirectory("refreshbot-e2e-").FullName;

    public string DataDir => Path.Combine(Folder, "data");

    public CapturingLoggerProvider Logs { get; } = new();

    /// <summary>The digest the Dockerfile pins (old) and the one the tag points at after <see cref="InitializeAsync"/>.</summary>
    public Digest Old { get; private set; }

    public Digest Current { get; private set; }

    public string Image => Registry.Host + "/team/base";

    public string Grouping { get; set; } = "repository";

    public bool ProposeAfterClosed { get; set; } = true;

    /// <summary><c>policies.soak</c> of the defaults (e.g. <c>24h</c>); null: not written.</summary>
    public string? Soak { get; set; }

    /// <summary><c>policies.prWindow</c> of the defaults as a flow mapping (e.g. <c>{days: [mon], from: "09:00"}</c>); null: not written.</summary>
    public string? PrWindow { get; set; }

    /// <summary>The clock of the run (its <c>now</c>, and so the history's first-seen times).</summary>
    public TimeProvider Time { get; set; } = TimeProvider.System;

    /// <summary>Repositories refreshed at once (the product's default is more than one: keep the tests concurrent too).</summary>
    public int Concurrency { get; set; } = 4;

    /// <summary>Writes <c>build: {enabled: true, timeout: 5m, network: none}</c>: every (re)written proposal is built and scanned.</summary>
    public bool Build { get; set; }

    /// <summary>Repositories (<c>owner/name</c>) written with <c>build: false</c>.</summary>
    public HashSet<string> NotBuilt { get; } = new(StringComparer.Ordinal);

    /// <summary>The daemon the builds use (the builder's <c>DOCKER_HOST</c>, e.g. a private dockerd's socket); null: the bot's default.</summary>
    public string? DockerHost { get; set; }

    /// <summary>The top-level <c>registryClient:</c> as a flow mapping (e.g. <c>{requestTimeout: 2s, retries: 2}</c>); null: not written.</summary>
    public string? RegistryClient { get; set; }

    public async Task InitializeAsync()
    {
        Registry = await ProxiedRegistry.StartAsync();
        Git = await GitHttpServer.StartAsync();
        GitHub = await Testing.GitHub.FakeGitHub.StartAsync(Git);
        GitHub.AddToken(Token, "refreshbot");
        Old = (await Registry.Pusher.PushImageAsync("team/base", "1")).Digest;
        Current = (await Registry.Pusher.PushImageAsync("team/base", "1")).Digest;
        Repo = await GitHub.CreateRepositoryAsync("team", "app", new Dictionary<string, string>
        {
            ["Dockerfile"] = Dockerfile(Old),
            ["README.md"] = "# app\n",
        });
        await File.WriteAllTextAsync(Path.Combine(Folder, "token.txt"), Token + "\n");
    }

    public string Dockerfile(Digest pin) =>
        $"# syntax=docker/dockerfile:1\nFROM {Image}:1@{pin} AS build\nRUN echo build\n\nFROM {Image}:1@{pin}\nCOPY --from=build /x /x\n";

    /// <summary>Moves team/base:1 to a new image; returns its digest.</summary>
    public async Task<Digest> MoveTagAsync() => Current = (await Registry.Pusher.PushImageAsync("team/base", "1")).Digest;

    public string WriteConfig(params string[] repositories)
    {
        var entries = repositories.Length == 0 ? ["team/app"] : repositories;
        var yaml = $"""
            github:
              apiUrl: {GitHub.ApiUri}
              token: ${"{"}file:token.txt{"}"}
            git:
              author: {"{"}name: refreshbot, email: bot@refreshbot.test{"}"}
            storage:
              dataDir: {DataDir}{(Build ? "\nbuild: {enabled: true, timeout: 5m, network: none}" : "")}{(RegistryClient is null ? "" : "\nregistryClient: " + RegistryClient)}
            defaults:
              grouping: {Grouping}
              labels: [dependencies, docker]
              reviewers: [octocat]
              assignees: [hubot]
              policies:
                proposeAfterClosed: {(ProposeAfterClosed ? "true" : "false")}{(Soak is null ? "" : "\n    soak: " + Soak)}{(PrWindow is null ? "" : "\n    prWindow: " + PrWindow)}
            repositories:
            {string.Join("\n", entries.Select(e => "  - github: " + e + (NotBuilt.Contains(e) ? "\n    build: false" : "")))}
            """;
        var path = Path.Combine(Folder, "refreshbot.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    /// <summary>One cycle through the real composition of <c>refreshbot run --once</c>.</summary>
    public async Task<CycleReport> RunAsync(bool dryRun = false, params string[] repositories)
    {
        var config = ConfigLoader.LoadFile(WriteConfig(repositories));
        await using var history = await SqliteRefreshHistory.OpenAsync(config.Storage.DataDir, default);
        var services = new ServiceCollection().AddRefreshBotRun(config, history, cacheFolder: null, Time);
        services.AddLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
        if (Build && DockerHost is { } dockerHost)
        {
            services.AddSingleton<IImageBuilder>(p => new DockerCliImageBuilder(
                new DockerCliImageBuilderOptions { DockerHost = dockerHost }, p.GetRequiredService<TimeProvider>(), p.GetRequiredService<ILogger<DockerCliImageBuilder>>()));
            // The inspector reads the built images from the same daemon (docker save).
            services.AddSingleton<IImageInspector>(p => new LayerInspector(
                p.GetRequiredService<IRegistryClient>(), p.GetRequiredService<RegistryClient>(), new LayerInspectorOptions { DockerHost = dockerHost },
                p.GetRequiredService<ILogger<LayerInspector>>()));
        }

        await using var provider = services.BuildServiceProvider();
        return await provider.GetRequiredService<RefreshCycle>().RunAsync(config.Repositories, new RefreshOptions(config.Git.Author, dryRun, MaxConcurrentRepositories: Concurrency), default);
    }

    public IReadOnlyList<FakePullRequest> Pulls => GitHub.PullRequests("team", "app");

    /// <summary>Writes (POST/PATCH/PUT/DELETE) the bot sent to the GitHub API since the last reset.</summary>
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

using Microsoft.Extensions.Logging.Abstractions;
using RefreshBot.Adapters.FileSystem;
using RefreshBot.Adapters.GitHub;
using RefreshBot.Adapters.GitHub.Discovery;
using RefreshBot.Application.Fleet.Discovery;
using RefreshBot.Host.Composition;
using RefreshBot.Host.Config;
using RefreshBot.Testing.Git;

namespace RefreshBot.Integration.Tests.Discovery;

/// <summary>The fake GitHub (with its git server) and a config folder; discovery runs through the real loader and adapter.</summary>
public sealed class DiscoveryWorld : IAsyncLifetime
{
    public const string Token = "ghp_discoverySECRET000000000000000000000";

    public GitHttpServer Git { get; private set; } = null!;

    public Testing.GitHub.FakeGitHub GitHub { get; private set; } = null!;

    public string Folder { get; } = Directory.CreateTempSubdirectory("refreshbot-discovery-").FullName;

    public async Task InitializeAsync()
    {
        Git = await GitHttpServer.StartAsync();
        GitHub = await Testing.GitHub.FakeGitHub.StartAsync(Git);
        GitHub.AddToken(Token, "refreshbot");
        await File.WriteAllTextAsync(Path.Combine(Folder, "token.txt"), Token + "\n");
    }

    /// <summary>A config with the token connection and <paramref name="body"/> (top-level YAML) below it.</summary>
    public RefreshBotConfig Load(string body, string? auth = null)
    {
        var yaml = $"""
            github:
              apiUrl: {GitHub.ApiUri}
            {auth ?? "  token: ${file:token.txt}"}
            storage:
              dataDir: {Path.Combine(Folder, "data")}
            {body}
            """;
        var path = Path.Combine(Folder, "refreshbot.yaml");
        File.WriteAllText(path, yaml);
        return ConfigLoader.LoadFile(path);
    }

    /// <summary>Discovery as the product composes it, over the GitHub code host's connection (page size <paramref name="pageSize"/>).</summary>
    public async Task<FleetDiscoveryResult> DiscoverAsync(RefreshBotConfig config, int pageSize = 100)
    {
        using var host = new GitHubCodeHost(RunServices.ToOptions(config.GitHub!) with { PageSize = pageSize });
        var discovery = new FleetDiscovery(new GitHubRepositoryDirectory(host), DockerfileNames.IsDockerfile, NullLogger<FleetDiscovery>.Instance);
        return await discovery.DiscoverAsync(config.Repositories, config.Discover, default);
    }

    public int Count(string operation) => GitHub.RequestCounts.GetValueOrDefault(operation);

    public async Task DisposeAsync()
    {
        var violations = GitHub.Violations;
        await GitHub.DisposeAsync();
        await Git.DisposeAsync();
        Directory.Delete(Folder, recursive: true);
        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }
}

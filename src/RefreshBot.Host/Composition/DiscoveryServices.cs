using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RefreshBot.Adapters.FileSystem;
using RefreshBot.Adapters.GitHub;
using RefreshBot.Adapters.GitHub.Discovery;
using RefreshBot.Application.Fleet.Discovery;
using RefreshBot.Host.Config;

namespace RefreshBot.Host.Composition;

/// <summary>Fleet discovery (<c>discover:</c>) on the GitHub connection of the refresh composition.</summary>
public static class DiscoveryServices
{
    public static IServiceCollection AddFleetDiscovery(this IServiceCollection services, RefreshBotConfig config)
    {
        services.AddSingleton(p => new FleetDiscovery(
            config.GitHub is null ? new NoDirectory() : new GitHubRepositoryDirectory(p.GetRequiredService<GitHubCodeHost>()),
            DockerfileNames.IsDockerfile,
            p.GetRequiredService<ILogger<FleetDiscovery>>()));
        return services;
    }

    /// <summary>The fleet of this cycle (or service start): the configured repositories plus the discovered ones.</summary>
    public static Task<FleetDiscoveryResult> DiscoverFleetAsync(this IServiceProvider services, RefreshBotConfig config, CancellationToken cancellationToken) =>
        config.Discover.Count == 0
            ? Task.FromResult(FleetDiscoveryResult.ConfiguredOnly(config.Repositories))
            : services.GetRequiredService<FleetDiscovery>().DiscoverAsync(config.Repositories, config.Discover, cancellationToken);

    /// <summary>Never used: the config loader refuses <c>discover:</c> without <c>github:</c>.</summary>
    private sealed class NoDirectory : IRepositoryDirectory
    {
        public Task<IReadOnlyList<ListedRepository>> ListAsync(DiscoveryScope scope, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("discovery needs the github: section");

        public Task<RepositoryFiles> FilesAsync(ListedRepository repository, string branch, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("discovery needs the github: section");
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RefreshBot.Adapters.FileSystem;
using RefreshBot.Adapters.Git;
using RefreshBot.Adapters.History;
using RefreshBot.Adapters.GitHub;
using RefreshBot.Adapters.Local;
using RefreshBot.Application.Check.Ports;
using RefreshBot.Application.Evaluation;
using RefreshBot.Application.Fleet;
using RefreshBot.Application.Refresh;
using RefreshBot.Application.Refresh.History;
using RefreshBot.Application.Refresh.Ports;
using RefreshBot.Application.Refresh.Publishing;
using RefreshBot.Application.Refresh.Scanning;
using RefreshBot.Host.Config;
using RefreshBot.Host.Endpoints.Metrics;
using Serilog;

namespace RefreshBot.Host.Composition;

/// <summary>Composition of <c>refreshbot run</c>: the refresh cycle over git, the code hosts, the registries and the history.</summary>
public static class RunServices
{
    /// <param name="history">The opened history store (its lifetime is the caller's): the refresh history and the image-usage index.</param>
    /// <param name="cacheFolder">Folder of the manifest cache; null for none.</param>
    /// <param name="gitHubHandler">Innermost HTTP handler for GitHub (tests); null for the default.</param>
    public static IServiceCollection AddRefreshBotRun(
        this IServiceCollection services, RefreshBotConfig config, IHistoryStore history, string? cacheFolder, TimeProvider? time = null,
        HttpMessageHandler? gitHubHandler = null)
    {
        services.AddLogging(logging => logging.AddSerilog(dispose: false));
        services.AddSingleton(time ?? TimeProvider.System);
        services.AddSingleton<IDockerfileSource, DockerfileFinder>();
        services.AddRegistryClient(config);
        services.AddManifestCache(cacheFolder, RegistryServices.ToOptions(config).MaxManifestBytes);
        services.AddSingleton(history);
        services.AddSingleton<IRefreshHistory>(history);
        services.AddSingleton<IImageUsageIndex>(history);
        services.AddSingleton<IRepositoryWorkspace>(p => new GitWorkspace(
            config.Storage.DataDir, p.GetRequiredService<TimeProvider>(), p.GetRequiredService<ILogger<GitWorkspace>>()));
        services.AddSingleton(p => config.GitHub is { } gitHub
            ? new GitHubCodeHost(ToOptions(gitHub), p.GetRequiredService<ILoggerFactory>(), p.GetRequiredService<TimeProvider>(), gitHubHandler)
            : null!);
        services.AddSingleton<ICodeHostSelector>(p => new CodeHostSelector(
            () => config.GitHub is null ? null : p.GetRequiredService<GitHubCodeHost>(),
            new LocalCodeHost(config.Storage.ProposalsDir, p.GetRequiredService<TimeProvider>(), p.GetRequiredService<ILogger<LocalCodeHost>>())));
        services.AddSingleton<DockerfileScan>();
        services.AddChangeEvaluation(config);
        services.AddSingleton(p => new ProposalPublisher(
            p.GetRequiredService<IRepositoryWorkspace>(), p.GetRequiredService<ILogger<ProposalPublisher>>(), p.GetService<ChangeEvaluator>()));
        services.AddSingleton<IRepositoryOverrides>(new RepositoryOverridesFile(config.Overrides));
        services.AddSingleton<RepositoryRefresh>();
        services.AddSingleton<RefreshCycle>();
        services.AddFleetDiscovery(config);
        services.AddRefreshBotMetrics();
        return services;
    }

    public static GitHubOptions ToOptions(GitHubSettings settings) => settings.Auth switch
    {
        GitHubAuth.Token token => new GitHubOptions { ApiUrl = settings.ApiUrl, Token = token.Value.Reveal() },
        GitHubAuth.App app => new GitHubOptions
        {
            ApiUrl = settings.ApiUrl,
            App = new GitHubAppOptions { AppId = app.AppId, PrivateKeyPem = app.PrivateKey.Reveal(), InstallationId = app.InstallationId },
        },
        _ => throw new ArgumentOutOfRangeException(nameof(settings)),
    };
}

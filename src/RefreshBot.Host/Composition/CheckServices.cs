using Microsoft.Extensions.DependencyInjection;
using RefreshBot.Adapters.FileSystem;
using RefreshBot.Application.Check;
using RefreshBot.Application.Check.Ports;
using RefreshBot.Host.Config;
using Serilog;

namespace RefreshBot.Host.Composition;

/// <summary>Composition of what <c>refreshbot check</c> needs.</summary>
public static class CheckServices
{
    /// <param name="cacheFolder">Folder of the manifest cache kept between checks; null for none.</param>
    public static IServiceCollection AddRefreshBotCheck(this IServiceCollection services, RefreshBotConfig config, string? cacheFolder)
    {
        services.AddLogging(logging => logging.AddSerilog(dispose: false));
        services.AddSingleton<IDockerfileSource, DockerfileFinder>();
        services.AddRegistryClient(config);
        services.AddManifestCache(cacheFolder, RegistryServices.ToOptions(config).MaxManifestBytes);
        services.AddSingleton<CheckService>();
        return services;
    }
}

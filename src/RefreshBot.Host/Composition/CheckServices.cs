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
    public static IServiceCollection AddRefreshBotCheck(this IServiceCollection services, RefreshBotConfig config)
    {
        services.AddLogging(logging => logging.AddSerilog(dispose: false));
        services.AddSingleton<IDockerfileSource, DockerfileFinder>();
        services.AddRegistryClient(config);
        services.AddSingleton<CheckService>();
        return services;
    }
}

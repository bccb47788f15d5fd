using Microsoft.Extensions.DependencyInjection;
using RefreshBot.Host.Config;

namespace RefreshBot.Host.Composition;

/// <summary>Composition of the registry client from the config's <c>registries:</c>.</summary>
public static class RegistryServices
{
    public static IServiceCollection AddRegistryClient(this IServiceCollection services, RefreshBotConfig config)
    {
        // Filled in when the registry client lands (wip/registry).
        _ = config;
        return services;
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RefreshBot.Adapters.Credentials;
using RefreshBot.Adapters.Registry;
using RefreshBot.Adapters.Registry.Mirrors;
using RefreshBot.Application.Ports;
using RefreshBot.Application.Telemetry;
using RefreshBot.Host.Config;

namespace RefreshBot.Host.Composition;

/// <summary>
/// Composition of the registry client from the config's <c>registries:</c>. Credentials: the config's first,
/// then Docker's own <c>config.json</c> (<c>auths</c>, <c>credsStore</c>, <c>credHelpers</c>).
/// </summary>
public static class RegistryServices
{
    public static IServiceCollection AddRegistryClient(this IServiceCollection services, RefreshBotConfig config)
    {
        var options = ToOptions(config);
        services.AddSingleton(provider =>
        {
            var loggers = provider.GetRequiredService<ILoggerFactory>();
            var credentials = new CredentialSourceChain(
                new ConfiguredCredentialSource(options.Registries),
                new DockerConfigCredentialSource(logger: loggers.CreateLogger<DockerConfigCredentialSource>()));
            return RegistryClient.Create(options, credentials, loggers, metrics: provider.GetService<RefreshBotMetrics>());
        });
        services.AddSingleton<IRegistryClient>(provider =>
        {
            var loggers = provider.GetRequiredService<ILoggerFactory>();
            IRegistryClient client = provider.GetRequiredService<RegistryClient>();
            return options.Registries.Any(r => r.Mirrors.Count > 0)
                ? new MirroringRegistryClient(client, options.Registries, loggers.CreateLogger<MirroringRegistryClient>())
                : client;
        });
        return services;
    }

    public static RegistryClientOptions ToOptions(RefreshBotConfig config) => new()
    {
        Registries = config.Registries
            .Select(r => new RegistryOptions
            {
                Host = r.Host,
                Insecure = r.Insecure,
                Username = r.Username,
                Password = r.Password?.Reveal(),
                Concurrency = r.Concurrency,
                Mirrors = r.Mirrors,
                AllowPrivateRealms = r.AllowPrivateRealms,
            })
            .ToList(),
        RequestTimeout = config.RegistryClient.RequestTimeout,
        MaxRetries = config.RegistryClient.Retries,
        MaxRetryAfter = config.RegistryClient.MaxRetryAfter,
        UnreachableCooldown = config.RegistryClient.UnreachableCooldown,
    };
}

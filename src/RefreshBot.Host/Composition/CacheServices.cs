using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RefreshBot.Adapters.Caching;
using RefreshBot.Application.Check;
using RefreshBot.Application.Check.Ports;

namespace RefreshBot.Host.Composition;

/// <summary>
/// Composition of the manifest cache kept between checks: files in <paramref name="folder"/>, or none when the
/// folder is null (<c>--no-cache</c>) or cannot be used (a warning, never a failed check).
/// </summary>
public static class CacheServices
{
    public static IServiceCollection AddManifestCache(this IServiceCollection services, string? folder, long maxEntryBytes)
    {
        services.AddSingleton<IManifestCache>(provider =>
        {
            if (folder is null)
            {
                return NoManifestCache.Instance;
            }

            var options = new FileManifestCacheOptions { Directory = folder, MaxEntryBytes = maxEntryBytes };
            return (IManifestCache?)FileManifestCache.Open(options, TimeProvider.System, provider.GetRequiredService<ILogger<FileManifestCache>>())
                ?? NoManifestCache.Instance;
        });
        return services;
    }
}

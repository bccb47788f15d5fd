using RefreshBot.Adapters.Registry;

namespace RefreshBot.Adapters.Credentials;

/// <summary>
/// How Docker's <c>config.json</c> names registries: Docker Hub as <c>https://index.docker.io/v1/</c>,
/// others as <c>host[:port]</c>, sometimes with a scheme or path (<c>https://ghcr.io</c>, <c>host/v2/</c>).
/// </summary>
public static class DockerConfigKeys
{
    public const string DockerHubServerAddress = "https://index.docker.io/v1/";

    /// <summary>The server address Docker uses for <paramref name="registry"/> (what credential helpers get on stdin).</summary>
    public static string ServerAddress(string registry) =>
        RegistryEndpoint.IsDockerHub(registry) ? DockerHubServerAddress : registry;

    /// <summary>The <c>host[:port]</c> part of a config key: scheme and path removed, lower case.</summary>
    public static string Normalize(string key)
    {
        var text = key.Trim();
        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            text = text[(scheme + 3)..];
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        return (slash >= 0 ? text[..slash] : text).ToLowerInvariant();
    }

    public static bool SameRegistry(string key, string registry)
    {
        var normalized = Normalize(key);
        return RegistryEndpoint.IsDockerHub(registry)
            ? RegistryEndpoint.IsDockerHub(normalized)
            : normalized == registry.ToLowerInvariant();
    }
}

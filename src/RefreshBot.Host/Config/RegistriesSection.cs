using YamlDotNet.RepresentationModel;

namespace RefreshBot.Host.Config;

/// <summary>Reads <c>registries:</c>: hosts with credentials, plain-HTTP permission, concurrency and mirrors.</summary>
internal static class RegistriesSection
{
    private static readonly string[] Keys = ["host", "insecure", "username", "password", "concurrency", "mirrors", "allowPrivateRealms"];

    public static IReadOnlyList<RegistryConfig> Read(YamlNodes yaml, YamlNode node)
    {
        var registries = new List<RegistryConfig>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in yaml.Sequence(node, "registries"))
        {
            var registry = yaml.Recover(() => ReadRegistry(yaml, entry), null);
            if (registry is null)
            {
                continue;
            }

            if (!seen.Add(registry.Host))
            {
                yaml.Report(yaml.Error(entry, $"registry '{registry.Host}' is listed twice"));
                continue;
            }

            registries.Add(registry);
        }

        return registries;
    }

    private static RegistryConfig ReadRegistry(YamlNodes yaml, YamlNode node)
    {
        var map = yaml.Mapping(node, "a registry", Keys);
        if (!map.TryGetValue("host", out var hostNode))
        {
            throw yaml.Error(node, "a registry needs 'host' (e.g. ghcr.io or localhost:5000)");
        }

        var host = Host(yaml, hostNode, "host");
        var insecure = map.TryGetValue("insecure", out var insecureNode) && yaml.Boolean(insecureNode, "insecure");
        var username = map.TryGetValue("username", out var userNode) ? yaml.Value(userNode, "username") : null;
        SecretText? password = null;
        if (map.TryGetValue("password", out var passwordNode))
        {
            password = yaml.Secret(passwordNode, "password");
            if (username is null)
            {
                throw yaml.Error(passwordNode, "a password needs a 'username' in the same registry entry");
            }
        }

        int? concurrency = map.TryGetValue("concurrency", out var concurrencyNode)
            ? yaml.Integer(concurrencyNode, "concurrency", minimum: 1, maximum: 256)
            : null;
        var mirrors = map.TryGetValue("mirrors", out var mirrorsNode)
            ? yaml.Sequence(mirrorsNode, "mirrors").Select(mirror => Host(yaml, mirror, "mirrors entry")).ToList()
            : [];
        var allowPrivateRealms = map.TryGetValue("allowPrivateRealms", out var realmsNode) && yaml.Boolean(realmsNode, "allowPrivateRealms");
        return new RegistryConfig(host, insecure, username, password, concurrency, mirrors, allowPrivateRealms);
    }

    private static string Host(YamlNodes yaml, YamlNode node, string what)
    {
        var host = yaml.Text(node, what);
        if (host.Length == 0 || host.Contains('/') || host.Contains(' ') || host.Contains("://", StringComparison.Ordinal))
        {
            throw yaml.Error(node, $"{what}: expected a registry host such as ghcr.io or localhost:5000 (no scheme, no path), got '{host}'");
        }

        return host;
    }
}

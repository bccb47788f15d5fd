using System.Net;

namespace RefreshBot.Adapters.Registry;

/// <summary>
/// Where a registry domain is reached. <c>docker.io</c> (and <c>index.docker.io</c>) map to
/// <c>registry-1.docker.io</c>. Scheme: loopback hosts (<c>localhost</c>, 127.0.0.0/8, ::1) use plain
/// HTTP, as Docker allows for them; a registry marked <see cref="RegistryOptions.Insecure"/> uses HTTP;
/// everything else HTTPS only (no HTTP fallback).
/// </summary>
public sealed record RegistryEndpoint(string Registry, Uri BaseUri)
{
    public const string DockerHub = "docker.io";

    public static RegistryEndpoint For(string registry, RegistryOptions? options)
    {
        var host = IsDockerHub(registry) ? "registry-1.docker.io" : registry.ToLowerInvariant();
        var scheme = options?.Insecure == true || IsLoopback(host) ? "http" : "https";
        return new RegistryEndpoint(registry, new Uri($"{scheme}://{host}/"));
    }

    public static bool IsDockerHub(string registry) =>
        registry.Equals(DockerHub, StringComparison.OrdinalIgnoreCase)
        || registry.Equals("index.docker.io", StringComparison.OrdinalIgnoreCase)
        || registry.Equals("registry-1.docker.io", StringComparison.OrdinalIgnoreCase);

    /// <summary>True for <c>localhost</c>, 127.0.0.0/8 and ::1, with or without a port.</summary>
    public static bool IsLoopback(string hostWithOptionalPort)
    {
        var host = HostOnly(hostWithOptionalPort);
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
    }

    /// <summary>Strips a port and IPv6 brackets: <c>[::1]:5000</c> → <c>::1</c>.</summary>
    public static string HostOnly(string hostWithOptionalPort)
    {
        if (hostWithOptionalPort.StartsWith('['))
        {
            var end = hostWithOptionalPort.IndexOf(']', StringComparison.Ordinal);
            return end < 0 ? hostWithOptionalPort : hostWithOptionalPort[1..end];
        }

        var colon = hostWithOptionalPort.IndexOf(':', StringComparison.Ordinal);
        return colon >= 0 && colon == hostWithOptionalPort.LastIndexOf(':') ? hostWithOptionalPort[..colon] : hostWithOptionalPort;
    }

    public Uri BlobUri(string repositoryPath, string digest) => new(BaseUri, $"v2/{repositoryPath}/blobs/{digest}");

    public Uri ManifestUri(string repositoryPath, string reference) =>
        new(BaseUri, $"v2/{repositoryPath}/manifests/{Uri.EscapeDataString(reference).Replace("%3A", ":", StringComparison.Ordinal)}");
}

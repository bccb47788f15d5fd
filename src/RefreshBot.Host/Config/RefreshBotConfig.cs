using RefreshBot.Domain.Platforms;

namespace RefreshBot.Host.Config;

/// <summary>
/// The RefreshBot configuration file (YAML), validated at load time. Issue 3 will add the fleet
/// (repositories, schedules, policies); for now: registries and defaults.
/// </summary>
public sealed record RefreshBotConfig(IReadOnlyList<RegistryConfig> Registries, DefaultsConfig Defaults)
{
    public static readonly RefreshBotConfig Empty = new([], DefaultsConfig.Empty);

    /// <summary>The entry for <paramref name="host"/> (case-insensitive), if any.</summary>
    public RegistryConfig? FindRegistry(string host) =>
        Registries.FirstOrDefault(r => string.Equals(r.Host, host, StringComparison.OrdinalIgnoreCase));
}

/// <summary>One registry's settings.</summary>
/// <param name="Host">Registry host as it appears in references, with port if any: <c>ghcr.io</c>, <c>localhost:5000</c>.</param>
/// <param name="Insecure">Allow plain HTTP (loopback registries are always allowed plain HTTP).</param>
/// <param name="Username">User name for Basic / token auth (may be a substitution).</param>
/// <param name="Password">Password or token; only from <c>${env:NAME}</c> or <c>${file:PATH}</c>.</param>
/// <param name="Concurrency">Most requests in flight to this registry at once; null for the client's default.</param>
public sealed record RegistryConfig(string Host, bool Insecure, string? Username, SecretText? Password, int? Concurrency);

/// <summary>Defaults for every Dockerfile checked.</summary>
/// <param name="Platform">Platform compared when a FROM has no usable <c>--platform</c>; null: linux/amd64 (or the CLI's <c>--platform</c>).</param>
/// <param name="BuildArgs">Build arguments that override ARG defaults, as <c>docker build --build-arg</c> would.</param>
public sealed record DefaultsConfig(Platform? Platform, IReadOnlyDictionary<string, string> BuildArgs)
{
    public static readonly DefaultsConfig Empty = new(null, new Dictionary<string, string>());
}

/// <summary>A secret value that never prints itself.</summary>
public sealed class SecretText(string value)
{
    public string Reveal() => value;

    public override string ToString() => "***";
}

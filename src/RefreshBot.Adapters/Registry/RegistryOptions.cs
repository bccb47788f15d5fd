namespace RefreshBot.Adapters.Registry;

/// <summary>
/// Settings for one registry, keyed by the domain as written in image references
/// (<c>docker.io</c>, <c>ghcr.io</c>, <c>127.0.0.1:5000</c>). Filled from the host's config.
/// </summary>
public sealed record RegistryOptions
{
    /// <summary>Registry domain as in image references, e.g. <c>ghcr.io</c> or <c>localhost:5000</c>.</summary>
    public required string Host { get; init; }

    /// <summary>Use plain HTTP for a non-loopback registry (loopback registries use HTTP anyway).</summary>
    public bool Insecure { get; init; }

    public string? Username { get; init; }

    public string? Password { get; init; }

    /// <summary>OAuth2 refresh token (Docker's <c>identitytoken</c>), used instead of a password.</summary>
    public string? IdentityToken { get; init; }

    /// <summary>Concurrent requests to this registry; null means <see cref="RegistryClientOptions.DefaultConcurrency"/>.</summary>
    public int? Concurrency { get; init; }

    /// <summary>Mirror hosts asked first, in order (see <see cref="Mirrors.MirroringRegistryClient"/>).</summary>
    public IReadOnlyList<string> Mirrors { get; init; } = [];

    /// <summary>Allow this registry's token realms on loopback/private IP literals (refused by default: SSRF guard).</summary>
    public bool AllowPrivateRealms { get; init; }

    public override string ToString() => $"RegistryOptions {{ Host = {Host}, Insecure = {Insecure}, Username = {Username} }}";
}

/// <summary>Client-wide settings: registries, limits, timeouts, retry policy.</summary>
public sealed record RegistryClientOptions
{
    public IReadOnlyList<RegistryOptions> Registries { get; init; } = [];

    /// <summary>Concurrent requests per registry when the registry has no own setting.</summary>
    public int DefaultConcurrency { get; init; } = 4;

    /// <summary>Largest manifest accepted (enforced while reading).</summary>
    public long MaxManifestBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>Timeout of one HTTP attempt.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries after the first attempt for 408/429/5xx/timeouts/connection failures.</summary>
    public int MaxRetries { get; init; } = 3;

    /// <summary>First backoff delay; doubled per retry, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest backoff delay.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Longest <c>Retry-After</c> honoured; a longer one fails fast as Transient.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// After a registry could not be reached at all (DNS, connection refused, reset or connect timeout through every
    /// retry), further requests to it fail fast for this long instead of each paying the retries again. A request that
    /// connected but got no answer in time fails alone: one slow image does not block its registry. Zero turns this off.
    /// </summary>
    public TimeSpan UnreachableCooldown { get; init; } = TimeSpan.FromMinutes(5);

    public RegistryOptions? For(string host) =>
        Registries.FirstOrDefault(r => string.Equals(r.Host, host, StringComparison.OrdinalIgnoreCase));

    /// <summary>Throws <see cref="ArgumentException"/> naming the bad setting.</summary>
    public void Validate()
    {
        if (DefaultConcurrency < 1 || Registries.Any(r => r.Concurrency is < 1))
        {
            throw new ArgumentException("registry concurrency must be at least 1");
        }

        if (MaxManifestBytes < 1024 || MaxRetries < 0 || RequestTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("MaxManifestBytes must be >= 1024, MaxRetries >= 0, RequestTimeout > 0");
        }

        foreach (var registry in Registries.Where(r => string.IsNullOrWhiteSpace(r.Host) || r.Host.Contains('/', StringComparison.Ordinal)))
        {
            throw new ArgumentException($"registry host '{registry.Host}' must be a domain[:port] without scheme or path");
        }
    }
}

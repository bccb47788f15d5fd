namespace RefreshBot.Host.Config;

/// <summary>
/// <c>registryClient:</c> — timeouts and retries of the registry client (one for the whole fleet). The defaults are
/// <see cref="Adapters.Registry.RegistryClientOptions"/>'s.
/// </summary>
/// <param name="RequestTimeout">One HTTP attempt, and each read of a body (no data for this long fails the read).</param>
/// <param name="Retries">Retries after the first attempt (408/429/5xx, timeouts, connection failures).</param>
/// <param name="MaxRetryAfter">Longest <c>Retry-After</c> waited for; a longer one fails the look-up at once.</param>
/// <param name="UnreachableCooldown">How long a registry that refused connections through every retry is left alone; 0: never.</param>
public sealed record RegistryClientSettings(TimeSpan RequestTimeout, int Retries, TimeSpan MaxRetryAfter, TimeSpan UnreachableCooldown)
{
    private static readonly Adapters.Registry.RegistryClientOptions Built = new();

    public static RegistryClientSettings Default { get; } =
        new(Built.RequestTimeout, Built.MaxRetries, Built.MaxRetryAfter, Built.UnreachableCooldown);
}

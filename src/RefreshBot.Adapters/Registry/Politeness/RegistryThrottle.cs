using System.Collections.Concurrent;

namespace RefreshBot.Adapters.Registry.Politeness;

/// <summary>
/// Per-registry politeness state shared by all requests of one client: a concurrency gate and,
/// after Docker Hub said <c>ratelimit-remaining: 0</c>, a time before which nothing is sent.
/// </summary>
internal sealed class RegistryThrottle(RegistryClientOptions options)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, (DateTimeOffset Until, string Reason)> _blocked = new(StringComparer.OrdinalIgnoreCase);

    public SemaphoreSlim Gate(string registry) =>
        _gates.GetOrAdd(registry, r => new SemaphoreSlim(options.For(r)?.Concurrency ?? options.DefaultConcurrency));

    public void Block(string registry, DateTimeOffset until, string reason) => _blocked[registry] = (until, reason);

    /// <summary>The reason requests to <paramref name="registry"/> are refused right now, or null.</summary>
    public string? BlockedReason(string registry, DateTimeOffset now) =>
        _blocked.TryGetValue(registry, out var block) && block.Until > now ? block.Reason : null;
}

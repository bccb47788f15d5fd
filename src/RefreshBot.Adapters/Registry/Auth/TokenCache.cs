using System.Collections.Concurrent;

namespace RefreshBot.Adapters.Registry.Auth;

/// <summary>A bearer token and when to stop using it.</summary>
internal sealed record BearerToken(string Value, DateTimeOffset RefreshAt)
{
    public override string ToString() => $"BearerToken {{ RefreshAt = {RefreshAt:O} }}";
}

/// <summary>Bearer tokens keyed by registry + scope (Docker Hub tokens are per repository scope).</summary>
internal sealed class TokenCache(TimeProvider time)
{
    private readonly ConcurrentDictionary<(string Registry, string Scope), BearerToken> _tokens = new();

    public BearerToken? Get(string registry, string scope) =>
        _tokens.TryGetValue((registry, scope), out var token) && token.RefreshAt > time.GetUtcNow() ? token : null;

    public void Put(string registry, string scope, BearerToken token) => _tokens[(registry, scope)] = token;

    /// <summary>Drops <paramref name="rejected"/> if it is still the cached token (the registry refused it).</summary>
    public void Remove(string registry, string scope, BearerToken rejected) =>
        _tokens.TryRemove(new KeyValuePair<(string, string), BearerToken>((registry, scope), rejected));
}

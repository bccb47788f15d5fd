namespace RefreshBot.Testing.Proxy;

/// <summary>What a request through a <see cref="CountingProxy"/> was.</summary>
public enum RequestKind
{
    Token,
    HeadManifest,
    GetManifest,
    GetBlob,
    Other,
}

/// <summary>One request the proxy saw, with the status it answered.</summary>
public sealed record ProxiedRequest(RequestKind Kind, string Method, string PathAndQuery, int Status, bool Injected, DateTimeOffset At);

/// <summary>
/// A fault the proxy answers with instead of forwarding: a status, an optional <c>Retry-After</c>,
/// optional extra headers (e.g. <c>ratelimit-remaining</c>) and an optional body.
/// </summary>
public sealed record ProxyFault(int Status, string? RetryAfter = null, IReadOnlyDictionary<string, string>? Headers = null, string? Body = null)
{
    public static ProxyFault TooManyRequests(string? retryAfter = null) => new(429, retryAfter,
        Body: """{"errors":[{"code":"TOOMANYREQUESTS","message":"You have reached your pull rate limit."}]}""");

    public static ProxyFault ServerError(int status = 503) => new(status,
        Body: """{"errors":[{"code":"UNAVAILABLE","message":"service unavailable"}]}""");
}

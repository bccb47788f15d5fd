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

/// <summary>How a <see cref="ProxyFault"/> misbehaves.</summary>
public enum ProxyFaultMode
{
    /// <summary>Answer <see cref="ProxyFault.Status"/> (with its headers and body) instead of forwarding.</summary>
    Status,

    /// <summary>Never answer: no status line, no headers, until the client gives up.</summary>
    StallHeaders,

    /// <summary>Forward the status and headers and half the body, then send nothing more until the client gives up.</summary>
    StallBody,

    /// <summary>Forward the status, headers (the full Content-Length) and half the body, then cut the connection.</summary>
    TruncateBody,

    /// <summary>Forward the response with its body padded (spaces) to <see cref="ProxyFault.Size"/> bytes.</summary>
    OversizedBody,

    /// <summary>Forward the response with one byte of the body changed (same length): a digest mismatch.</summary>
    CorruptBody,

    /// <summary>Answer <see cref="ProxyFault.Status"/> with its headers, the full Content-Length of its body and half the
    /// body, then send nothing more until the client gives up (an error body that stalls).</summary>
    StallErrorBody,
}

/// <summary>
/// A fault the proxy answers with instead of forwarding: a status, an optional <c>Retry-After</c>,
/// optional extra headers (e.g. <c>ratelimit-remaining</c>) and an optional body; or, by <see cref="Mode"/>,
/// no answer at all, a stalled, truncated, oversized or corrupted forwarded body.
/// </summary>
public sealed record ProxyFault(
    int Status, string? RetryAfter = null, IReadOnlyDictionary<string, string>? Headers = null, string? Body = null,
    ProxyFaultMode Mode = ProxyFaultMode.Status, long Size = 0)
{
    public static ProxyFault Of(ProxyFaultMode mode, long size = 0) => new(0, Mode: mode, Size: size);

    public static ProxyFault TooManyRequests(string? retryAfter = null) => new(429, retryAfter,
        Body: """{"errors":[{"code":"TOOMANYREQUESTS","message":"You have reached your pull rate limit."}]}""");

    public static ProxyFault ServerError(int status = 503) => new(status,
        Body: """{"errors":[{"code":"UNAVAILABLE","message":"service unavailable"}]}""");
}

namespace RefreshBot.Adapters.Registry;

/// <summary>What a request is for, attached to each <see cref="HttpRequestMessage"/> so the handlers can
/// pick credentials, token scope, throttle and log names without re-parsing URIs.</summary>
internal sealed record RegistryRequestContext(string Registry, string Repository, string Reference, bool Insecure)
{
    public static readonly HttpRequestOptionsKey<RegistryRequestContext> Key = new("RefreshBot.Registry");

    public static RegistryRequestContext Of(HttpRequestMessage request) =>
        request.Options.TryGetValue(Key, out var context)
            ? context
            : throw new InvalidOperationException("registry request without RegistryRequestContext");
}

/// <summary>A failure detected below the client (auth, throttling, transport), mapped to a
/// <see cref="Application.Ports.RegistryException"/> by <see cref="RegistryClient"/>. Never carries secrets.</summary>
internal sealed class RegistryTransportException(Application.Ports.RegistryErrorKind kind, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public Application.Ports.RegistryErrorKind Kind { get; } = kind;
}

using System.Collections.Concurrent;

namespace RefreshBot.Integration.Tests.GitHub;

/// <summary>Passes requests on and remembers every Authorization header value sent (JWTs, tokens) to look for leaks.</summary>
internal sealed class AuthorizationRecorder() : DelegatingHandler(new SocketsHttpHandler())
{
    private readonly ConcurrentQueue<string> _values = new();

    /// <summary>Credential parts of the headers (after the scheme).</summary>
    public IReadOnlyList<string> Credentials => [.. _values];

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Headers.Authorization?.Parameter is { } parameter)
        {
            _values.Enqueue(parameter);
        }

        return base.SendAsync(request, cancellationToken);
    }
}

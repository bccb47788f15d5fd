namespace RefreshBot.Adapters.GitHub.Transport;

/// <summary>
/// Octokit's high-level clients take no <see cref="CancellationToken"/>; the caller's token travels to the
/// HTTP layer through this async-local value instead, so a cancelled cycle really aborts its requests.
/// </summary>
internal sealed class AmbientCancellation : DelegatingHandler
{
    private static readonly AsyncLocal<CancellationToken> Current = new();

    /// <summary>Makes <paramref name="cancellationToken"/> apply to requests sent from this async flow.</summary>
    public static void Set(CancellationToken cancellationToken) => Current.Value = cancellationToken;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var ambient = Current.Value;
        if (!ambient.CanBeCanceled)
        {
            return await base.SendAsync(request, cancellationToken);
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, ambient);
        return await base.SendAsync(request, linked.Token);
    }
}

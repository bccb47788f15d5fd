using System.Security.Cryptography;

namespace RefreshBot.Adapters.GitHub;

/// <summary>
/// How to reach GitHub (or GitHub Enterprise) and authenticate: a token, or a GitHub App.
/// Filled from the host's config (secrets come from <c>${env:…}</c>/<c>${file:…}</c>); call <see cref="Validate"/> at start-up.
/// </summary>
public sealed record GitHubOptions
{
    public static readonly Uri PublicApiUrl = new("https://api.github.com/");

    /// <summary>API root: <c>https://api.github.com/</c>, or a GitHub Enterprise host (Octokit appends <c>api/v3/</c>).</summary>
    public Uri ApiUrl { get; init; } = PublicApiUrl;

    /// <summary>
    /// Where API paths are resolved: <see cref="ApiUrl"/> itself for api.github.com or a URL already ending in
    /// <c>api/v3/</c>, else <c>{ApiUrl}/api/v3/</c> (GitHub Enterprise Server's REST root, as Octokit's GitHubClient does).
    /// </summary>
    public Uri ApiRoot
    {
        get
        {
            var url = ApiUrl.AbsoluteUri.EndsWith('/') ? ApiUrl : new Uri(ApiUrl.AbsoluteUri + "/");
            return url.Host.Equals(PublicApiUrl.Host, StringComparison.OrdinalIgnoreCase) || url.AbsolutePath.EndsWith("/api/v3/", StringComparison.OrdinalIgnoreCase)
                ? url
                : new Uri(url, "api/v3/");
        }
    }

    /// <summary>Personal access or fine-grained token; exactly one of <see cref="Token"/> and <see cref="App"/>.</summary>
    public string? Token { get; init; }

    /// <summary>GitHub App credentials; exactly one of <see cref="Token"/> and <see cref="App"/>.</summary>
    public GitHubAppOptions? App { get; init; }

    /// <summary>Timeout of one HTTP request to the API (each attempt, when a transient failure is retried), body included.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Items per page when listing (GitHub allows 1–100); every page is read.</summary>
    public int PageSize { get; init; } = 100;

    /// <summary>Product name in the User-Agent header.</summary>
    public string UserAgent { get; init; } = "RefreshBot";

    /// <summary>Throws <see cref="ArgumentException"/> naming the bad setting (never its secret value).</summary>
    public void Validate()
    {
        if (!ApiUrl.IsAbsoluteUri || (ApiUrl.Scheme != Uri.UriSchemeHttps && ApiUrl.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException($"github apiUrl '{ApiUrl}' must be an absolute http(s) URL");
        }

        if (!string.IsNullOrEmpty(ApiUrl.UserInfo) || !string.IsNullOrEmpty(ApiUrl.Query))
        {
            throw new ArgumentException("github apiUrl must not carry credentials or a query");
        }

        if (ApiUrl.Scheme == Uri.UriSchemeHttp && !ApiUrl.IsLoopback)
        {
            throw new ArgumentException("github apiUrl must use https (plain http only for loopback)");
        }

        if ((Token is null) == (App is null))
        {
            throw new ArgumentException("github needs exactly one of token or app");
        }

        if (Token is not null && (Token.Length == 0 || Token.Any(char.IsWhiteSpace)))
        {
            throw new ArgumentException("github token is empty or contains whitespace");
        }

        App?.Validate();

        if (RequestTimeout <= TimeSpan.Zero || PageSize is < 1 or > 100 || string.IsNullOrWhiteSpace(UserAgent))
        {
            throw new ArgumentException("github requestTimeout must be > 0, pageSize 1-100 and userAgent non-empty");
        }
    }

    public override string ToString() =>
        $"GitHubOptions {{ ApiUrl = {ApiUrl}, Auth = {(Token is not null ? "token" : $"app {App?.AppId}")} }}";
}

/// <summary>A GitHub App: its id and private key (PEM, PKCS#1 or PKCS#8) sign a JWT exchanged for installation tokens.</summary>
public sealed record GitHubAppOptions
{
    public required long AppId { get; init; }

    /// <summary>PEM text of the App's private key. Never logged.</summary>
    public required string PrivateKeyPem { get; init; }

    /// <summary>The installation to use for every repository; null: looked up per repository (<c>GET /repos/{o}/{r}/installation</c>).</summary>
    public long? InstallationId { get; init; }

    public void Validate()
    {
        if (AppId < 1 || InstallationId is < 1)
        {
            throw new ArgumentException("github app id and installation id must be positive");
        }

        try
        {
            using var rsa = RSA.Create();
            rsa.ImportFromPem(PrivateKeyPem);
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            // The key text is deliberately not part of the message.
            throw new ArgumentException("github app privateKey is not an RSA private key in PEM form");
        }
    }

    public override string ToString() => $"GitHubAppOptions {{ AppId = {AppId}, InstallationId = {InstallationId} }}";
}

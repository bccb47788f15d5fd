using Microsoft.Extensions.Logging;
using Octokit;
using OctokitCredentials = Octokit.Credentials;
using Octokit.Internal;
using RefreshBot.Adapters.GitHub.Transport;

namespace RefreshBot.Adapters.GitHub.Auth;

/// <summary>
/// Hands out Octokit clients authenticated for a repository (the configured token, or the current
/// installation token of a GitHub App) over one shared HTTP stack.
/// </summary>
internal sealed class GitHubAccess : IDisposable
{
    private readonly GitHubOptions _options;
    private readonly HttpClientAdapter _http;
    private readonly InstallationTokens? _installations;
    private readonly IGitHubClient? _tokenClient;

    public GitHubAccess(GitHubOptions options, GitHubCall call, TimeProvider time, ILogger logger, HttpMessageHandler? primaryHandler)
    {
        _options = options;
        _http = new HttpClientAdapter(() => new AmbientCancellation
        {
            InnerHandler = new TransientRetry(options.RequestTimeout, time, logger)
            {
                InnerHandler = primaryHandler ?? new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) },
            },
        });
        _http.SetRequestTimeout(Timeout.InfiniteTimeSpan); // each attempt is timed by TransientRetry
        if (options.App is { } app)
        {
            _installations = new InstallationTokens(app, ClientWith, call, time, logger);
        }
        else
        {
            _tokenClient = ClientWith(new OctokitCredentials(options.Token));
        }
    }

    /// <summary>A client for owner/name and the token it uses (for git over HTTPS).</summary>
    public async Task<RepositoryAccess> ForAsync(string owner, string name, CancellationToken cancellationToken)
    {
        if (_installations is null)
        {
            return new RepositoryAccess(_tokenClient!, _options.Token!);
        }

        var token = await _installations.TokenForAsync(owner, name, cancellationToken);
        return new RepositoryAccess(ClientWith(new OctokitCredentials(token)), token);
    }

    /// <summary>A client for listing an organization's or user's repositories (the installation on that account for an App).</summary>
    public async Task<IGitHubClient> ForAccountAsync(string account, bool organization, CancellationToken cancellationToken) =>
        _installations is null
            ? _tokenClient!
            : ClientWith(new OctokitCredentials(await _installations.TokenForAccountAsync(account, organization, cancellationToken)));

    /// <summary>A client acting as the configured App installation; null with a token or without an installation id.</summary>
    public async Task<IGitHubClient?> ForInstallationAsync(CancellationToken cancellationToken) =>
        _installations?.TokenForConfiguredInstallationAsync(cancellationToken) is { } token
            ? ClientWith(new OctokitCredentials(await token))
            : null;

    public void Dispose()
    {
        _installations?.Dispose();
        _http.Dispose();
    }

    private GitHubClient ClientWith(OctokitCredentials credentials) =>
        new(new Connection(
            new ProductHeaderValue(_options.UserAgent), _options.ApiRoot, new InMemoryCredentialStore(credentials), _http, new SimpleJsonSerializer()));
}

/// <summary>An authenticated client and its token; deliberately not a record so the token is never printed.</summary>
internal sealed class RepositoryAccess(IGitHubClient client, string token)
{
    public IGitHubClient Client { get; } = client;

    public string Token { get; } = token;

    public override string ToString() => nameof(RepositoryAccess);
}

using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Octokit;
using OctokitCredentials = Octokit.Credentials;
using RefreshBot.Adapters.GitHub.Transport;

namespace RefreshBot.Adapters.GitHub.Auth;

/// <summary>
/// GitHub App installation tokens: JWT → installation (configured, or looked up per repository) →
/// <c>POST /app/installations/{id}/access_tokens</c>. Tokens are cached per installation and replaced
/// <see cref="RefreshMargin"/> before they expire, so a token handed to git stays valid for a whole push.
/// </summary>
internal sealed partial class InstallationTokens : IDisposable
{
    /// <summary>A cached token is replaced this long before its <c>expires_at</c>.</summary>
    public static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

    private readonly GitHubAppOptions _app;
    private readonly Func<OctokitCredentials, IGitHubClient> _clientFor;
    private readonly GitHubCall _call;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly RSA _key = RSA.Create();
    private readonly ConcurrentDictionary<string, long> _installations = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<long, CachedToken> _tokens = [];
    private readonly SemaphoreSlim _lock = new(1, 1);

    public InstallationTokens(GitHubAppOptions app, Func<OctokitCredentials, IGitHubClient> clientFor, GitHubCall call, TimeProvider time, ILogger logger)
    {
        _app = app;
        _clientFor = clientFor;
        _call = call;
        _time = time;
        _logger = logger;
        _key.ImportFromPem(app.PrivateKeyPem);
    }

    /// <summary>A token valid for at least <see cref="RefreshMargin"/> for the installation that covers owner/name.</summary>
    public async Task<string> TokenForAsync(string owner, string name, CancellationToken cancellationToken)
    {
        var repository = owner + "/" + name;
        var installation = _app.InstallationId ?? await InstallationOfAsync(owner, name, repository, cancellationToken);
        return await TokenForInstallationAsync(installation, repository, cancellationToken);
    }

    /// <summary>A token of the configured installation (discovery of <c>installation: true</c>); null when none is configured.</summary>
    public Task<string>? TokenForConfiguredInstallationAsync(CancellationToken cancellationToken) =>
        _app.InstallationId is { } installation ? TokenForInstallationAsync(installation, "installation", cancellationToken) : null;

    /// <summary>A token of the installation on an organization or user account (the configured one, or
    /// <c>GET /orgs/{org}/installation</c> / <c>GET /users/{user}/installation</c>).</summary>
    public async Task<string> TokenForAccountAsync(string account, bool organization, CancellationToken cancellationToken)
    {
        var installation = _app.InstallationId;
        if (installation is null)
        {
            var key = (organization ? "org:" : "user:") + account;
            if (!_installations.TryGetValue(key, out var known))
            {
                var app = AppClient();
                var found = organization
                    ? await _call.RunAsync(account, $"GET /orgs/{account}/installation",
                        () => app.GitHubApps.GetOrganizationInstallationForCurrent(account), cancellationToken)
                    : await _call.RunAsync(account, $"GET /users/{account}/installation",
                        () => app.GitHubApps.GetUserInstallationForCurrent(account), cancellationToken);
                known = _installations[key] = found.Id;
            }

            installation = known;
        }

        return await TokenForInstallationAsync(installation.Value, account, cancellationToken);
    }

    private async Task<string> TokenForInstallationAsync(long installation, string repository, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken);
        try
        {
            if (_tokens.TryGetValue(installation, out var cached) && _time.GetUtcNow() < cached.ExpiresAt - RefreshMargin)
            {
                return cached.Token;
            }

            var app = AppClient();
            var token = await _call.RunAsync(repository, $"POST /app/installations/{installation}/access_tokens",
                () => app.GitHubApps.CreateInstallationToken(installation), cancellationToken);
            _tokens[installation] = new CachedToken(token.Token, token.ExpiresAt);
            LogTokenIssued(_logger, repository, installation, token.ExpiresAt);
            return token.Token;
        }
        finally
        {
            _lock.Release();
        }
    }

    public void Dispose()
    {
        _key.Dispose();
        _lock.Dispose();
    }

    private async Task<long> InstallationOfAsync(string owner, string name, string repository, CancellationToken cancellationToken)
    {
        if (_installations.TryGetValue(repository, out var known))
        {
            return known;
        }

        var app = AppClient();
        var installation = await _call.RunAsync(repository, $"GET /repos/{owner}/{name}/installation",
            () => app.GitHubApps.GetRepositoryInstallationForCurrent(owner, name), cancellationToken);
        _installations[repository] = installation.Id;
        return installation.Id;
    }

    private IGitHubClient AppClient() =>
        _clientFor(new OctokitCredentials(AppJwt.Create(_app.AppId, _key, _time.GetUtcNow()), AuthenticationType.Bearer));

    [LoggerMessage(Level = LogLevel.Information, Message = "GitHub App installation {InstallationId} token for {Repository} issued, expires {ExpiresAt}")]
    private static partial void LogTokenIssued(ILogger logger, string repository, long installationId, DateTimeOffset expiresAt);

    /// <summary>Never printed (no record: its ToString would show the token).</summary>
    private sealed class CachedToken(string token, DateTimeOffset expiresAt)
    {
        public string Token { get; } = token;

        public DateTimeOffset ExpiresAt { get; } = expiresAt;
    }
}

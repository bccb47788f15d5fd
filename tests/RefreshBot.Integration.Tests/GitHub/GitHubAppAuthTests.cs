using System.Text;
using RefreshBot.Adapters.GitHub;
using RefreshBot.Application.Refresh.Ports;
using RefreshBot.Testing.Git;
using RefreshBot.Testing.GitHub;

namespace RefreshBot.Integration.Tests.GitHub;

public sealed class GitHubAppAuthTests : GitHubCodeHostFixture
{
    private static CancellationToken Cancel => CancellationToken.None;

    [Fact]
    public async Task Installation_token_is_looked_up_cached_refreshed_before_expiry_and_works_for_git()
    {
        var app = GitHub.RegisterApp();
        GitHub.Install(app, Repo);
        using var host = AppHost(app, installationId: null, out _);

        var remote = await host.GetRemoteAsync(Tracked, Cancel);
        Assert.Equal("x-access-token", remote.Username);
        Assert.Equal(Assert.Single(GitHub.InstallationTokens).Token, remote.Password);
        Assert.Contains("refs/heads/main", await LsRemoteAsync(remote), StringComparison.Ordinal);

        await host.GetDefaultBranchAsync(Tracked, Cancel);
        Time.Advance(TimeSpan.FromMinutes(54)); // 6 minutes left: still good
        await host.FindPullRequestsAsync(Tracked, "refreshbot/repository", Cancel);
        Assert.Single(GitHub.InstallationTokens);

        Time.Advance(TimeSpan.FromMinutes(2)); // 4 minutes left: replaced before it can expire mid-push
        var refreshed = await host.GetRemoteAsync(Tracked, Cancel);
        Assert.Equal(2, GitHub.InstallationTokens.Count);
        Assert.NotEqual(remote.Password, refreshed.Password);
        Assert.Equal(GitHub.InstallationTokens[^1].Token, refreshed.Password);
        Assert.Equal(1, GitHub.RequestCounts["GET /repos/{owner}/{repo}/installation"]);
        Assert.Equal(2, GitHub.RequestCounts["POST /app/installations/{installation_id}/access_tokens"]);

        Time.Advance(TimeSpan.FromMinutes(10)); // the first token has expired: git refuses it, the current one works
        Assert.NotEqual(0, (await LsRemoteTryAsync(remote)).ExitCode);
        Assert.Contains("refs/heads/main", await LsRemoteAsync(refreshed), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_configured_installation_is_used_without_lookup_and_creates_pull_requests()
    {
        var app = GitHub.RegisterApp();
        var installation = GitHub.Install(app, Repo);
        using var host = AppHost(app, installation, out _);
        await PushBranchAsync("refreshbot/repository");

        var created = await host.CreateAsync(Tracked, Draft(), Cancel);

        Assert.Equal("refreshbot[bot]", GitHub.PullRequest("team", "app", created.Number).User);
        Assert.False(GitHub.RequestCounts.ContainsKey("GET /repos/{owner}/{repo}/installation"));
        Assert.Equal(installation, Assert.Single(GitHub.InstallationTokens).InstallationId);
    }

    [Fact]
    public async Task A_repository_the_app_is_not_installed_on_is_not_found()
    {
        var app = GitHub.RegisterApp();
        using var host = AppHost(app, installationId: null, out _);

        var error = await Assert.ThrowsAsync<CodeHostException>(() => host.GetDefaultBranchAsync(Tracked, Cancel));

        Assert.Equal(CodeHostErrorKind.NotFound, error.Kind);
        Assert.Equal("GET /repos/team/app/installation", error.Request);
    }

    [Fact]
    public async Task Neither_the_private_key_nor_a_jwt_or_token_reaches_logs_or_errors()
    {
        var app = GitHub.RegisterApp();
        GitHub.Install(app, Repo);
        var other = GitHub.RegisterApp(appId: 5151, slug: "other");
        using var host = AppHost(app, installationId: null, out var recorder);
        // Another app's id with this key: the signature does not verify, GitHub refuses the JWT.
        using var wrong = new GitHubCodeHost(
            new GitHubOptions { ApiUrl = GitHub.BaseUri, App = new GitHubAppOptions { AppId = other.Id, PrivateKeyPem = app.PrivateKeyPem } },
            Logs, Time, recorder);
        await host.GetRemoteAsync(Tracked, Cancel);
        GitHub.Faults.ServerError(count: 3, method: "GET", pathContains: "/pulls"); // the transport retries a read twice
        var transient = await Assert.ThrowsAsync<CodeHostException>(() => host.FindPullRequestsAsync(Tracked, "x", Cancel));
        var auth = await Assert.ThrowsAsync<CodeHostException>(() => wrong.GetDefaultBranchAsync(Tracked, Cancel));

        Assert.Equal(CodeHostErrorKind.Transient, transient.Kind);
        Assert.Equal(CodeHostErrorKind.Auth, auth.Kind);
        var keyLines = app.PrivateKeyPem.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith("-----", StringComparison.Ordinal));
        var secrets = recorder.Credentials.Concat(keyLines).Concat(GitHub.InstallationTokens.Select(t => t.Token)).ToArray();
        Assert.True(secrets.Length > 5);
        var seen = Logs.AllText + transient + auth;
        Assert.All(secrets, s => Assert.DoesNotContain(s, seen, StringComparison.Ordinal));
    }

    private GitHubCodeHost AppHost(FakeApp app, long? installationId, out AuthorizationRecorder recorder)
    {
        recorder = new AuthorizationRecorder();
        var options = new GitHubOptions
        {
            ApiUrl = GitHub.BaseUri,
            App = new GitHubAppOptions { AppId = app.Id, PrivateKeyPem = app.PrivateKeyPem, InstallationId = installationId },
        };
        return new GitHubCodeHost(options, Logs, Time, recorder);
    }

    /// <summary>The real git client with the remote's credentials as a Basic header (never in the URL).</summary>
    private static Task<GitCliResult> LsRemoteTryAsync(GitRemote remote)
    {
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes(remote.Username + ":" + remote.Password));
        var environment = new Dictionary<string, string>
        {
            ["GIT_CONFIG_COUNT"] = "1",
            ["GIT_CONFIG_KEY_0"] = "http.extraHeader",
            ["GIT_CONFIG_VALUE_0"] = "Authorization: Basic " + basic,
            ["GIT_TERMINAL_PROMPT"] = "0",
        };
        return GitCli.TryRunAsync(Path.GetTempPath(), ["ls-remote", remote.Url], CancellationToken.None, environment: environment);
    }

    private static async Task<string> LsRemoteAsync(GitRemote remote)
    {
        var result = await LsRemoteTryAsync(remote);
        Assert.True(result.ExitCode == 0, result.Error);
        return result.Output;
    }
}

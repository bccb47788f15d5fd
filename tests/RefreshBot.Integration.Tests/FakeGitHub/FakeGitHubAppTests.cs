using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Octokit;
using RefreshBot.Testing.GitHub;

namespace RefreshBot.Integration.Tests.FakeGitHub;

/// <summary>GitHub App authentication: RS256 JWT → installation → expiring installation token for API and git.</summary>
public sealed class FakeGitHubAppTests : FakeGitHubFixture
{
    private readonly AdjustableClock _clock = new(DateTimeOffset.UtcNow);

    protected override FakeGitHubOptions Options => new() { Time = _clock, InstallationTokenLifetime = TimeSpan.FromHours(1) };

    [Fact]
    public async Task Jwt_then_installation_token_then_API_and_git_until_it_expires()
    {
        var app = GitHub.RegisterApp(appId: 4242);
        var installationId = GitHub.Install(app, Repo);
        var asApp = Client(Jwt(app.Id, app.PrivateKeyPem, _clock.GetUtcNow()), AuthenticationType.Bearer);

        var installation = await asApp.GitHubApps.GetRepositoryInstallationForCurrent("team", "app");
        var token = await asApp.GitHubApps.CreateInstallationToken(installation.Id);
        var asInstallation = Client(token.Token, AuthenticationType.Oauth);
        var repository = await asInstallation.Repository.Get("team", "app");
        var work = Directory.CreateTempSubdirectory("refreshbot-app-").FullName;
        try
        {
            var header = "Authorization: Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("x-access-token:" + token.Token));
            await Testing.Git.GitCli.RunAsync(work, ["-c", "http.extraHeader=" + header, "clone", repository.CloneUrl, "app"], default);
            _clock.Advance(TimeSpan.FromMinutes(61));
            var expiredGit = await Testing.Git.GitCli.TryRunAsync(work, ["-c", "http.extraHeader=" + header, "clone", repository.CloneUrl, "again"], default);

            Assert.NotEqual(0, expiredGit.ExitCode);
            Assert.True(File.Exists(Path.Combine(work, "app", "Dockerfile")));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }

        Assert.Equal(installationId, installation.Id);
        Assert.StartsWith("ghs_", token.Token, StringComparison.Ordinal);
        Assert.InRange(token.ExpiresAt - _clock.GetUtcNow(), TimeSpan.FromMinutes(-2), TimeSpan.Zero);
        await Assert.ThrowsAsync<AuthorizationException>(() => asInstallation.Repository.Get("team", "app"));
    }

    [Fact]
    public async Task A_jwt_signed_with_another_key_or_too_long_or_on_a_repo_endpoint_is_refused()
    {
        var app = GitHub.RegisterApp(appId: 99);
        GitHub.Install(app, Repo);
        using var other = RSA.Create(2048);
        var now = _clock.GetUtcNow();

        var forged = Client(Jwt(app.Id, other.ExportRSAPrivateKeyPem(), now), AuthenticationType.Bearer);
        var tooLong = Client(Jwt(app.Id, app.PrivateKeyPem, now, TimeSpan.FromMinutes(30)), AuthenticationType.Bearer);
        var valid = Client(Jwt(app.Id, app.PrivateKeyPem, now), AuthenticationType.Bearer);

        await Assert.ThrowsAsync<AuthorizationException>(() => forged.GitHubApps.GetRepositoryInstallationForCurrent("team", "app"));
        await Assert.ThrowsAsync<AuthorizationException>(() => tooLong.GitHubApps.GetRepositoryInstallationForCurrent("team", "app"));
        await Assert.ThrowsAsync<AuthorizationException>(() => valid.Repository.Get("team", "app"));
        Assert.Equal(99, (await valid.GitHubApps.GetCurrent()).Id);
        await Assert.ThrowsAsync<AuthorizationException>(() => Client().GitHubApps.GetCurrent());
    }

    [Fact]
    public async Task An_installation_token_reaches_only_its_installations_repositories()
    {
        var app = GitHub.RegisterApp();
        var other = await GitHub.CreateRepositoryAsync("team", "other", new Dictionary<string, string> { ["a"] = "a\n" });
        var installationId = GitHub.Install(app, Repo);
        var token = await Client(Jwt(app.Id, app.PrivateKeyPem, _clock.GetUtcNow()), AuthenticationType.Bearer).GitHubApps.CreateInstallationToken(installationId);

        var asInstallation = Client(token.Token, AuthenticationType.Oauth);

        Assert.Equal("app", (await asInstallation.Repository.Get("team", "app")).Name);
        await Assert.ThrowsAsync<NotFoundException>(() => asInstallation.Repository.Get("team", other.Name));
    }

    private GitHubClient Client(string token, AuthenticationType type) =>
        new(new ProductHeaderValue("refreshbot-tests"), GitHub.BaseUri) { Credentials = new Credentials(token, type) };

    /// <summary>An app JWT as GitHub documents it: RS256, iss = app id, iat back-dated 60 s, exp ≤ 10 minutes.</summary>
    private static string Jwt(long appId, string privateKeyPem, DateTimeOffset now, TimeSpan? lifetime = null)
    {
        using var key = RSA.Create();
        key.ImportFromPem(privateKeyPem);
        static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var header = Encode(JsonSerializer.SerializeToUtf8Bytes(new { alg = "RS256", typ = "JWT" }));
        var payload = Encode(JsonSerializer.SerializeToUtf8Bytes(new
        {
            iat = now.AddSeconds(-60).ToUnixTimeSeconds(),
            exp = now.Add(lifetime ?? TimeSpan.FromMinutes(9)).ToUnixTimeSeconds(),
            iss = appId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }));
        var signature = key.SignData(Encoding.ASCII.GetBytes(header + "." + payload), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return header + "." + payload + "." + Encode(signature);
    }

    private sealed class AdjustableClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}

using System.Text;
using RefreshBot.Adapters.Credentials;
using RefreshBot.Adapters.Registry;
using RefreshBot.Application.Ports;
using RefreshBot.Domain.References;
using RefreshBot.Testing.Images;
using RefreshBot.Testing.Logging;
using RefreshBot.Testing.Proxy;
using RefreshBot.Testing.Registry;
using RefreshBot.Testing.Tokens;

namespace RefreshBot.Integration.Tests.Registry;

/// <summary>Basic (htpasswd) and token auth against the real registry; secrets never leak into errors or logs.</summary>
public sealed class RegistryAuthTests
{
    private const string User = "robot";
    private const string Password = "Sentinel-Pa55-7c1e9a";
    private const string WrongPassword = "Sentinel-Wrong-3b8d2f";

    private static RegistryClient Client(string host, string password, CapturingLoggerProvider logs, ICredentialSource? credentials = null) =>
        RegistryClient.Create(
            new RegistryClientOptions { Registries = [new RegistryOptions { Host = host, Username = User, Password = password }] },
            credentials, logs);

    private static void AssertNoSecrets(string text)
    {
        foreach (var secret in new[] { Password, WrongPassword, Convert.ToBase64String(Encoding.UTF8.GetBytes(User + ":" + Password)), Convert.ToBase64String(Encoding.UTF8.GetBytes(User + ":" + WrongPassword)) })
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("eyJ", text, StringComparison.Ordinal); // no JWT
    }

    [Fact]
    public async Task Htpasswd_basic_auth_works_and_later_lookups_send_credentials_up_front()
    {
        await using var registry = await RegistryServer.StartAsync(new RegistryAuth.Basic(User, Password));
        await using var proxy = await CountingProxy.StartAsync(registry.BaseUri);
        using var pusher = new ImagePusher(registry.BaseUri, User, Password);
        var pushed = await pusher.PushImageAsync("private/app", "1");
        var logs = new CapturingLoggerProvider();
        using var client = Client(proxy.Host, Password, logs);
        var image = new ImageReference(proxy.Host, "private/app", null, null);

        var first = await client.HeadManifestAsync(image, "1", CancellationToken.None);
        var second = await client.HeadManifestAsync(image, "1", CancellationToken.None);

        Assert.Equal(pushed.Digest, first.Digest);
        Assert.Equal(pushed.Digest, second.Digest);
        Assert.Equal(3, proxy.Count(RequestKind.HeadManifest)); // 401 + replay, then one
        Assert.Equal([401, 200, 200], proxy.Requests.Select(r => r.Status));
        AssertNoSecrets(logs.AllText);
    }

    [Fact]
    public async Task Wrong_basic_password_is_Auth_and_the_password_appears_nowhere()
    {
        await using var registry = await RegistryServer.StartAsync(new RegistryAuth.Basic(User, Password));
        var logs = new CapturingLoggerProvider();
        using var client = Client(registry.Host, WrongPassword, logs);

        var error = await Assert.ThrowsAsync<RegistryException>(() =>
            client.GetManifestAsync(new ImageReference(registry.Host, "private/app", null, null), "1", CancellationToken.None));

        Assert.Equal(RegistryErrorKind.Auth, error.Kind);
        Assert.Contains("401", error.Message, StringComparison.Ordinal);
        AssertNoSecrets(error.ToString());
        AssertNoSecrets(logs.AllText);
        Assert.NotEmpty(logs.Lines);
    }

    [Fact]
    public async Task Token_auth_reuses_one_token_per_scope_and_fetches_another_for_a_new_scope()
    {
        await using var tokens = await TokenServer.StartAsync(new TokenServerOptions { Users = new Dictionary<string, string> { [User] = Password } });
        await using var registry = await RegistryServer.StartAsync(new RegistryAuth.Token(tokens));
        await using var proxy = await CountingProxy.StartAsync(registry.BaseUri);
        using var pusher = new ImagePusher(registry.BaseUri, User, Password);
        var app = await pusher.PushImageAsync("team/app", "1");
        var other = await pusher.PushImageAsync("team/other", "1");
        tokens.ResetCounts();
        var logs = new CapturingLoggerProvider();
        using var client = Client(proxy.Host, Password, logs);

        var digests = new List<Digest>();
        for (var i = 0; i < 5; i++)
        {
            digests.Add((await client.HeadManifestAsync(new ImageReference(proxy.Host, "team/app", null, null), "1", CancellationToken.None)).Digest);
        }

        var tokensForOneScope = tokens.RequestCount;
        var otherDigest = (await client.HeadManifestAsync(new ImageReference(proxy.Host, "team/other", null, null), "1", CancellationToken.None)).Digest;

        Assert.All(digests, d => Assert.Equal(app.Digest, d));
        Assert.Equal(other.Digest, otherDigest);
        Assert.Equal(1, tokensForOneScope);
        Assert.Equal(2, tokens.RequestCount);
        Assert.Equal(["repository:team/app:pull", "repository:team/other:pull"], tokens.Requests.SelectMany(r => r.Scopes));
        Assert.All(tokens.Requests, r => Assert.Equal(User, r.User));
        // first lookup: 401 then replay; every later one (even a new scope) carries a token up front
        Assert.Equal(7, proxy.Count(RequestKind.HeadManifest));
        Assert.Single(proxy.Requests, r => r.Status == 401);
        AssertNoSecrets(logs.AllText);
    }

    [Fact]
    public async Task Token_auth_with_wrong_password_is_Auth_without_secrets_and_anonymous_pull_works_when_allowed()
    {
        await using var tokens = await TokenServer.StartAsync(new TokenServerOptions
        {
            Users = new Dictionary<string, string> { [User] = Password },
            AllowAnonymousPull = true,
        });
        await using var registry = await RegistryServer.StartAsync(new RegistryAuth.Token(tokens));
        using var pusher = new ImagePusher(registry.BaseUri, User, Password);
        var pushed = await pusher.PushImageAsync("public/app", "1");
        var logs = new CapturingLoggerProvider();
        using var wrong = Client(registry.Host, WrongPassword, logs);
        using var anonymous = RegistryClient.Create(new RegistryClientOptions(), loggerFactory: logs);
        var image = new ImageReference(registry.Host, "public/app", null, null);

        var error = await Assert.ThrowsAsync<RegistryException>(() => wrong.HeadManifestAsync(image, "1", CancellationToken.None));
        var descriptor = await anonymous.HeadManifestAsync(image, "1", CancellationToken.None);

        Assert.Equal(RegistryErrorKind.Auth, error.Kind);
        Assert.Contains("token service", error.Message, StringComparison.Ordinal);
        AssertNoSecrets(error.ToString());
        AssertNoSecrets(logs.AllText);
        Assert.Equal(pushed.Digest, descriptor.Digest);
        Assert.Null(tokens.Requests[^1].User);
    }

    [Fact]
    public async Task Identity_token_from_docker_config_uses_the_refresh_token_grant()
    {
        await using var tokens = await TokenServer.StartAsync(new TokenServerOptions
        {
            IdentityTokens = new Dictionary<string, string> { ["Sentinel-Identity-91af"] = User },
        });
        await using var registry = await RegistryServer.StartAsync(new RegistryAuth.Token(tokens));
        var directory = Directory.CreateTempSubdirectory("refreshbot-dockerconfig-").FullName;
        try
        {
            var config = Path.Combine(directory, "config.json");
            await File.WriteAllTextAsync(config, "{\"auths\":{\"http://" + registry.Host + "/v2/\":{\"identitytoken\":\"Sentinel-Identity-91af\"}}}");
            var logs = new CapturingLoggerProvider();
            using var client = RegistryClient.Create(new RegistryClientOptions(), new DockerConfigCredentialSource(config), logs);
            var image = new ImageReference(registry.Host, "team/app", null, null);

            var error = await Assert.ThrowsAsync<RegistryException>(() => client.HeadManifestAsync(image, "missing", CancellationToken.None));

            Assert.Equal(RegistryErrorKind.NotFound, error.Kind); // authenticated, then the tag is unknown
            Assert.Equal("POST", tokens.Requests.Single().Method);
            Assert.Equal(User, tokens.Requests.Single().User);
            Assert.DoesNotContain("Sentinel-Identity-91af", logs.AllText + error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}

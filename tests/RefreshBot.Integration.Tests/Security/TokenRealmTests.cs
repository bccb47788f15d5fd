using System.Text;
using RefreshBot.Adapters.Registry;
using RefreshBot.Application.Ports;
using RefreshBot.Domain.Manifests;
using RefreshBot.Domain.References;
using RefreshBot.Testing.Hostile;
using RefreshBot.Testing.Logging;

namespace RefreshBot.Integration.Tests.Security;

/// <summary>
/// SSRF guard: a registry's token challenge decides where the bot sends a request, and maybe credentials. Against a
/// hostile registry listening on this machine's non-loopback address (so it is not treated as a local registry): a realm
/// on a private address is never contacted unless the admin allows it for that registry, credentials never go over plain
/// HTTP to another host, non-HTTP realms are refused, and a token endpoint's redirect is not followed.
/// </summary>
public sealed class TokenRealmTests : IAsyncLifetime
{
    private const string User = "robot";
    private const string Password = "Sentinel-Realm-Pa55-91c3";
    private readonly CapturingLoggerProvider _logs = new();
    private HostileRegistry _registry = null!;

    public async Task InitializeAsync() => _registry = await HostileRegistry.StartAsync();

    public async Task DisposeAsync() => await _registry.DisposeAsync();

    private static string Basic => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(User + ":" + Password));

    private IEnumerable<HostileRequest> TokenRequests => _registry.Requests.Where(r => !r.PathAndQuery.StartsWith("/v2", StringComparison.Ordinal));

    [Fact]
    public async Task A_realm_on_a_private_address_is_not_contacted_and_the_error_says_how_to_allow_it()
    {
        _registry.Realm = _registry.LoopbackUri + "token";

        var error = await Assert.ThrowsAsync<RegistryException>(() => HeadAsync(allowPrivateRealms: false));

        Assert.Equal(RegistryErrorKind.Auth, error.Kind);
        Assert.Contains(_registry.PublicHost, error.Message, StringComparison.Ordinal);
        Assert.Contains(_registry.LoopbackUri + "token", error.Message, StringComparison.Ordinal);
        Assert.Contains("allowPrivateRealms", error.Message, StringComparison.Ordinal);
        Assert.Empty(TokenRequests);
        Assert.NotEmpty(_registry.Requests); // the challenge itself was fetched from the public address
        AssertNoSecret(error.ToString() + _logs.AllText);
    }

    [Fact]
    public async Task Allowed_for_that_registry_the_private_realm_is_contacted_but_gets_no_credentials_over_plain_HTTP()
    {
        _registry.Realm = _registry.LoopbackUri + "token";

        var head = await HeadAsync(allowPrivateRealms: true);

        Assert.Equal(HostileRegistry.ManifestDigest, head.Digest.ToString());
        var token = Assert.Single(TokenRequests);
        Assert.Equal("127.0.0.1", token.LocalAddress);
        Assert.Null(token.Authorization);
        Assert.Contains(_logs.Lines, line => line.Contains("withheld", StringComparison.Ordinal) && line.Contains(_registry.PublicHost, StringComparison.Ordinal));
        AssertNoSecret(_logs.AllText);
    }

    [Fact]
    public async Task A_plain_HTTP_realm_on_the_insecure_registrys_own_host_gets_the_credentials()
    {
        // The positive control: the same registry, its realm on its own host: credentials go (so the others could see them).
        _registry.Realm = _registry.PublicUri + "token";

        var head = await HeadAsync(allowPrivateRealms: false);

        Assert.Equal(HostileRegistry.ManifestDigest, head.Digest.ToString());
        var token = Assert.Single(TokenRequests);
        Assert.Equal(_registry.PublicAddress, token.LocalAddress);
        Assert.Equal(Basic, token.Authorization);
    }

    [Theory]
    [InlineData("file:///etc/passwd")]
    [InlineData("gopher://127.0.0.1:6379/_FLUSHALL")]
    [InlineData("/token")]
    public async Task A_realm_that_is_not_an_absolute_http_URL_is_refused(string realm)
    {
        _registry.Realm = realm;

        var error = await Assert.ThrowsAsync<RegistryException>(() => HeadAsync(allowPrivateRealms: true));

        Assert.Equal(RegistryErrorKind.Auth, error.Kind);
        Assert.Empty(TokenRequests);
        AssertNoSecret(error.ToString() + _logs.AllText);
    }

    [Fact]
    public async Task A_redirect_from_the_token_endpoint_is_not_followed()
    {
        _registry.Realm = _registry.PublicUri + "redirect";
        _registry.RedirectTo = _registry.LoopbackUri + "steal";

        var error = await Assert.ThrowsAsync<RegistryException>(() => HeadAsync(allowPrivateRealms: true));

        Assert.Contains("307", error.Message, StringComparison.Ordinal);
        var only = Assert.Single(TokenRequests);
        Assert.Equal("/redirect", only.PathAndQuery.Split('?')[0]);
        Assert.DoesNotContain(_registry.Requests, r => r.PathAndQuery.StartsWith("/steal", StringComparison.Ordinal));
        AssertNoSecret(error.ToString() + _logs.AllText);
    }

    private async Task<ManifestDescriptor> HeadAsync(bool allowPrivateRealms)
    {
        using var client = RegistryClient.Create(
            new RegistryClientOptions
            {
                Registries = [new RegistryOptions { Host = _registry.PublicHost, Insecure = true, Username = User, Password = Password, AllowPrivateRealms = allowPrivateRealms }],
                MaxRetries = 0,
            },
            loggerFactory: _logs);
        return await client.HeadManifestAsync(new ImageReference(_registry.PublicHost, "team/app", null, null), "1", CancellationToken.None);
    }

    private static void AssertNoSecret(string text)
    {
        Assert.DoesNotContain(Password, text, StringComparison.Ordinal);
        Assert.DoesNotContain(Basic["Basic ".Length..], text, StringComparison.Ordinal);
    }
}

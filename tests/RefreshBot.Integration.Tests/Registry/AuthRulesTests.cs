using RefreshBot.Adapters.Credentials;
using RefreshBot.Adapters.Registry;
using RefreshBot.Adapters.Registry.Auth;

namespace RefreshBot.Integration.Tests.Registry;

/// <summary>Pure rules: WWW-Authenticate parsing, realm policy, endpoints, Docker config keys.</summary>
public sealed class AuthRulesTests
{
    [Fact]
    public void Docker_hub_bearer_challenge_parses()
    {
        var ok = AuthChallenge.TryParse(
            """Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/node:pull" """,
            out var challenge, out var error);

        Assert.True(ok, error);
        Assert.True(challenge!.IsBearer);
        Assert.Equal("https://auth.docker.io/token", challenge.Realm);
        Assert.Equal("registry.docker.io", challenge.Service);
        Assert.Equal("repository:library/node:pull", challenge.Scope);
    }

    [Theory]
    [InlineData("""basic realm="Registry Realm" """, "basic", "realm", "Registry Realm")]
    [InlineData("""Bearer REALM=https://x/token , service = "a\"b" """, "Bearer", "service", "a\"b")]
    [InlineData("""Bearer realm="r",scope="repository:a:pull,push" """, "Bearer", "scope", "repository:a:pull,push")]
    public void Parameters_are_case_insensitive_quoted_or_tokens(string header, string scheme, string name, string value)
    {
        Assert.True(AuthChallenge.TryParse(header, out var challenge, out _));
        Assert.Equal(scheme, challenge!.Scheme);
        Assert.Equal(value, challenge.Parameters[name.ToUpperInvariant()]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("realm=\"x\"")]
    [InlineData("Bearer realm=\"unterminated")]
    [InlineData("Bearer realm")]
    public void Malformed_challenges_are_rejected_with_a_reason(string header)
    {
        Assert.False(AuthChallenge.TryParse(header, out var challenge, out var error));
        Assert.Null(challenge);
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Theory]
    // realm, registry, insecure, may contact, may send credentials
    [InlineData("https://auth.docker.io/token", "https://registry-1.docker.io/", false, true, true)]
    [InlineData("http://auth.example/token", "https://registry.example/", false, true, false)]
    [InlineData("http://127.0.0.1:4000/token", "http://127.0.0.1:5000/", false, true, true)]
    [InlineData("http://127.0.0.1:4000/token", "https://registry.example/", false, false, false)]
    [InlineData("https://10.1.2.3/token", "https://registry.example/", false, false, false)]
    [InlineData("https://192.168.1.1/token", "https://registry.example/", false, false, false)]
    [InlineData("http://10.0.0.5:5001/token", "http://10.0.0.5:5000/", true, true, true)]
    [InlineData("http://other.example/token", "http://registry.example:5000/", true, true, false)]
    [InlineData("ftp://auth.example/token", "https://registry.example/", false, false, false)]
    public void Realm_policy(string realm, string registry, bool insecure, bool mayContact, bool maySendCredentials)
    {
        var decision = RealmPolicy.Decide(new Uri(realm), new Uri(registry), insecure, allowPrivateRealms: false);

        Assert.Equal(mayContact, decision.MayContact);
        Assert.Equal(maySendCredentials, decision.MaySendCredentials);
    }

    [Fact]
    public void Private_realms_may_be_allowed_explicitly()
    {
        var decision = RealmPolicy.Decide(new Uri("https://10.1.2.3/token"), new Uri("https://registry.example/"), false, allowPrivateRealms: true);

        Assert.True(decision.MayContact);
        Assert.True(decision.MaySendCredentials);
    }

    [Theory]
    [InlineData("docker.io", null, "https://registry-1.docker.io/")]
    [InlineData("ghcr.io", null, "https://ghcr.io/")]
    [InlineData("localhost:5000", null, "http://localhost:5000/")]
    [InlineData("127.0.0.1:5000", null, "http://127.0.0.1:5000/")]
    [InlineData("[::1]:5000", null, "http://[::1]:5000/")]
    [InlineData("registry.lan:5000", true, "http://registry.lan:5000/")]
    [InlineData("registry.lan:5000", false, "https://registry.lan:5000/")]
    public void Endpoint_maps_docker_hub_and_uses_http_only_for_loopback_or_insecure(string registry, bool? insecure, string expected)
    {
        var options = insecure is null ? null : new RegistryOptions { Host = registry, Insecure = insecure.Value };

        Assert.Equal(new Uri(expected), RegistryEndpoint.For(registry, options).BaseUri);
    }

    [Theory]
    [InlineData("https://index.docker.io/v1/", "docker.io", true)]
    [InlineData("docker.io", "docker.io", true)]
    [InlineData("https://ghcr.io", "ghcr.io", true)]
    [InlineData("http://localhost:5000/v2/", "localhost:5000", true)]
    [InlineData("localhost:5000", "localhost:5001", false)]
    [InlineData("https://index.docker.io/v1/", "ghcr.io", false)]
    public void Docker_config_keys_match_registries(string key, string registry, bool same)
    {
        Assert.Equal(same, DockerConfigKeys.SameRegistry(key, registry));
    }
}

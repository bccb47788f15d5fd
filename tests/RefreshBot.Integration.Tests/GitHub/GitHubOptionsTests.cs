using System.Security.Cryptography;
using RefreshBot.Adapters.GitHub;

namespace RefreshBot.Integration.Tests.GitHub;

public sealed class GitHubOptionsTests
{
    private const string SentinelToken = "ghp_SENTINEL_options_token_0123456789";

    [Fact]
    public void Token_or_app_is_required_but_not_both()
    {
        using var key = RSA.Create(2048);
        var app = new GitHubAppOptions { AppId = 7, PrivateKeyPem = key.ExportPkcs8PrivateKeyPem() };

        Assert.Throws<ArgumentException>(() => new GitHubOptions().Validate());
        Assert.Throws<ArgumentException>(() => new GitHubOptions { Token = SentinelToken, App = app }.Validate());
        new GitHubOptions { Token = SentinelToken }.Validate();
        new GitHubOptions { App = app }.Validate();
        new GitHubOptions { App = app with { PrivateKeyPem = key.ExportRSAPrivateKeyPem(), InstallationId = 99 } }.Validate();
    }

    [Fact]
    public void A_bad_private_key_is_refused_without_echoing_it()
    {
        const string notAKey = "-----BEGIN RSA PRIVATE KEY-----\nSENTINELKEYMATERIAL\n-----END RSA PRIVATE KEY-----";
        var options = new GitHubOptions { App = new GitHubAppOptions { AppId = 7, PrivateKeyPem = notAKey } };

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.DoesNotContain("SENTINELKEYMATERIAL", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("SENTINELKEYMATERIAL", options.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://github.example.com/")]
    [InlineData("https://user:pw@github.example.com/")]
    [InlineData("ftp://github.example.com/")]
    public void Api_url_must_be_https_without_credentials(string url)
    {
        Assert.Throws<ArgumentException>(() => new GitHubOptions { ApiUrl = new Uri(url), Token = SentinelToken }.Validate());
    }

    [Fact]
    public void Options_never_print_the_token()
    {
        var options = new GitHubOptions { ApiUrl = new Uri("http://127.0.0.1:1/"), Token = SentinelToken };
        options.Validate();
        Assert.DoesNotContain(SentinelToken, options.ToString(), StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => (options with { PageSize = 0 }).Validate());
    }
}

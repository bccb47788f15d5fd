using RefreshBot.Adapters.Mail;
using RefreshBot.Host.Config;
using RefreshBot.Integration.Tests.Config;

namespace RefreshBot.Integration.Tests.Reports.Delivery;

/// <summary><c>digest:</c> as read from a config (errors: <see cref="FleetConfigErrorTests"/>).</summary>
public sealed class DigestConfigTests : IDisposable
{
    private readonly ConfigFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Nothing_is_published_without_a_digest_section()
    {
        var config = _folder.Load("");

        Assert.Same(DigestSettings.None, config.Digest);
        Assert.False(config.Digest.PublishesAnywhere);
    }

    [Fact]
    public void Every_channel_with_its_defaults()
    {
        _folder.Environment["SMTP_PASSWORD"] = "s3cret-smtp";
        var config = _folder.Load("""
            github:
              token: ${env:GITHUB_TOKEN}
            digest:
              github:
                repository: acme/fleet
              email:
                smtp:
                  host: smtp.example.com
                  username: digest-bot
                  password: ${env:SMTP_PASSWORD}
                from: RefreshBot <bot@example.com>
                to: [ops@example.com, "Dana <dana@example.com>"]
              html:
                dir: reports/digest
            """);

        var digest = config.Digest;
        Assert.Equal(("acme", "fleet"), (digest.GitHub!.Owner, digest.GitHub.Name));
        Assert.Equal(["refreshbot", "digest"], digest.GitHub.Labels);
        var email = digest.Email!;
        Assert.Equal(("smtp.example.com", 587, SmtpSecurity.StartTls, "digest-bot"), (email.Host, email.Port, email.Security, email.Username));
        Assert.Equal("s3cret-smtp", email.Password!.Reveal());
        Assert.DoesNotContain("s3cret", email.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", email.ToOptions().ToString(), StringComparison.Ordinal);
        Assert.Equal("RefreshBot <bot@example.com>", email.From);
        Assert.Equal(["ops@example.com", "Dana <dana@example.com>"], email.To);
        Assert.Equal(Path.Combine(_folder.Root, "reports", "digest"), digest.HtmlDir);
        Assert.True(digest.PublishesAnywhere);
    }

    [Theory]
    [InlineData("none", 25, SmtpSecurity.None)]
    [InlineData("starttls", 587, SmtpSecurity.StartTls)]
    [InlineData("tls", 465, SmtpSecurity.Tls)]
    public void The_port_defaults_by_security(string security, int port, SmtpSecurity expected)
    {
        var config = _folder.Load($"digest:\n  email:\n    smtp: {{host: mail.local, security: {security}}}\n    from: bot@example.com\n    to: [ops@example.com]\n");

        Assert.Equal((port, expected), (config.Digest.Email!.Port, config.Digest.Email.Security));
        Assert.Null(config.Digest.Email.Username);
    }

    [Fact]
    public void Labels_can_be_chosen()
    {
        var config = _folder.Load("github:\n  token: ${env:GITHUB_TOKEN}\ndigest:\n  github:\n    repository: acme/fleet\n    labels: [weekly-report]\n");

        Assert.Equal(["weekly-report"], config.Digest.GitHub!.Labels);
    }
}

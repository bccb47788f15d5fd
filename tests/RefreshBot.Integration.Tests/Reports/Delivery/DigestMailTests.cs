using Microsoft.Extensions.Logging;
using MimeKit;
using RefreshBot.Adapters.Mail;
using RefreshBot.Adapters.Reports;
using RefreshBot.Application.Reporting.Publishing;
using RefreshBot.Domain.Reports.Weekly;
using RefreshBot.Testing.Logging;
using RefreshBot.Testing.Mail;
using RefreshBot.Testing.Reports;

namespace RefreshBot.Integration.Tests.Reports.Delivery;

/// <summary>The digest by e-mail through MailKit to a real SMTP server (aiosmtpd) on 127.0.0.1, parsed back with MimeKit.</summary>
public sealed class DigestMailTests
{
    /// <summary>A sentinel: must never show up in an error or a log line.</summary>
    private const string Password = "SENTINEL-smtp-password-7f3a";

    private static readonly string[] Recipients = ["Ops <ops@example.test>", "dana@example.test"];

    private readonly CapturingLoggerProvider _logs = new();

    [Fact]
    public async Task The_digest_arrives_as_text_and_html_alternatives_with_the_week_in_the_subject()
    {
        await using var server = await SmtpServer.StartAsync();
        var digest = WeeklyDigestSamples.Busy;

        var where = await Channel(Options(server)).PublishAsync(digest, CancellationToken.None);

        var message = Assert.Single(await server.WaitForMessagesAsync(1));
        Assert.Equal("mailed to Ops <ops@example.test>, dana@example.test", where);
        Assert.Equal("RefreshBot weekly digest 2026-W48: 1 of 4 repositories fresh, 2 open refresh PRs", message.Subject);
        Assert.Equal("bot@example.test", Assert.Single(message.From.Mailboxes).Address);
        Assert.Equal(["ops@example.test", "dana@example.test"], message.To.Mailboxes.Select(m => m.Address));
        Assert.Equal("<ops@example.test>, <dana@example.test>", NormalizeRecipients(message.Headers["X-RcptTo"] ?? ""));

        var alternative = Assert.IsType<MultipartAlternative>(message.Body);
        Assert.Equal(2, alternative.Count);
        var text = Assert.IsType<TextPart>(alternative[0]);
        var html = Assert.IsType<TextPart>(alternative[1]);
        Assert.True(text.IsPlain);
        Assert.True(html.IsHtml);
        Assert.Equal(WeeklyDigestText.Render(digest).ReplaceLineEndings("\n"), text.Text.ReplaceLineEndings("\n"));
        Assert.Equal(WeeklyDigestHtml.Render(digest).ReplaceLineEndings("\n"), html.Text.ReplaceLineEndings("\n"));

        // Figures of the digest, as a reader sees them.
        Assert.Contains("acme/api", text.Text, StringComparison.Ordinal);
        Assert.Contains("#12", text.Text, StringComparison.Ordinal);
        Assert.Contains("2026-W48", html.Text, StringComparison.Ordinal);
        Assert.Contains("<svg", html.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task It_logs_in_when_configured()
    {
        await using var server = await SmtpServer.StartAsync(user: "digest-bot", password: Password);

        await Channel(Options(server) with { Username = "digest-bot", Password = Password }).PublishAsync(WeeklyDigestSamples.EmptyFleet, CancellationToken.None);

        var message = Assert.Single(await server.WaitForMessagesAsync(1));
        Assert.StartsWith("RefreshBot weekly digest 2026-W48: 0 of 0 repositories fresh", message.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, _logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rejected_log_in_says_so_without_the_password()
    {
        await using var server = await SmtpServer.StartAsync(rejectLogins: true);
        var mail = Mail(Options(server) with { Username = "digest-bot", Password = Password });

        var failure = await Assert.ThrowsAsync<DigestMailException>(() =>
            new MailDigestChannel(mail, WeeklyDigestHtml.Render, Recipients).PublishAsync(WeeklyDigestSamples.Busy, CancellationToken.None));

        Assert.StartsWith($"SMTP log in to 127.0.0.1:{server.Port} as digest-bot failed: ", failure.Message, StringComparison.Ordinal);
        Assert.Contains("535", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, failure.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Password, _logs.AllText, StringComparison.Ordinal);
        Assert.Empty(server.Messages());
    }

    [Fact]
    public async Task A_server_that_is_not_there_names_the_step_and_the_address()
    {
        int port;
        await using (var gone = await SmtpServer.StartAsync())
        {
            port = gone.Port;
        }

        var options = new SmtpMailOptions("127.0.0.1", port, SmtpSecurity.None, "digest-bot", Password, "bot@example.test", Recipients);

        var failure = await Assert.ThrowsAsync<DigestMailException>(() =>
            Mail(options).SendAsync(new DigestMessage("s", "t", "<p>h</p>"), CancellationToken.None));

        Assert.StartsWith($"SMTP connect to 127.0.0.1:{port} (None) failed: ", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Starttls_required_but_not_offered_fails_before_anything_is_sent()
    {
        await using var server = await SmtpServer.StartAsync();

        var failure = await Assert.ThrowsAsync<DigestMailException>(() =>
            Mail(Options(server) with { Security = SmtpSecurity.StartTls }).SendAsync(new DigestMessage("s", "t", "<p>h</p>"), CancellationToken.None));

        Assert.StartsWith($"SMTP connect to 127.0.0.1:{server.Port} (StartTls) failed: ", failure.Message, StringComparison.Ordinal);
        Assert.Empty(server.Messages());
    }

    private static SmtpMailOptions Options(SmtpServer server) =>
        new(server.Host, server.Port, SmtpSecurity.None, null, null, "RefreshBot <bot@example.test>", Recipients);

    private SmtpDigestMail Mail(SmtpMailOptions options) => new(options, TimeProvider.System, _logs.CreateLogger<SmtpDigestMail>());

    private MailDigestChannel Channel(SmtpMailOptions options) => new(Mail(options), WeeklyDigestHtml.Render, Recipients);

    private static string NormalizeRecipients(string header) =>
        string.Join(", ", header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(a => "<" + a.Trim('<', '>') + ">"));
}

using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using MimeKit;
using RefreshBot.Application.Reporting.Publishing;

namespace RefreshBot.Adapters.Mail;

/// <summary>
/// <see cref="IDigestMail"/> over SMTP (MailKit): one multipart/alternative message (text, then HTML) per send, a
/// fresh connection each time (the digest goes out once a week). Failures become a <see cref="DigestMailException"/>
/// naming the step (connect, log in, send) and the server's answer; the password never appears in it or in logs.
/// </summary>
public sealed partial class SmtpDigestMail : IDigestMail
{
    private readonly SmtpMailOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public SmtpDigestMail(SmtpMailOptions options, TimeProvider time, ILogger<SmtpDigestMail> logger)
    {
        options.Validate();
        _options = options;
        _time = time;
        _logger = logger;
    }

    public async Task SendAsync(DigestMessage message, CancellationToken cancellationToken)
    {
        var mime = Build(message);
        using var client = new SmtpClient { Timeout = (int)_options.Timeout.TotalMilliseconds };
        var server = $"{_options.Host}:{_options.Port}";
        await StepAsync($"connect to {server} ({_options.Security})", () => client.ConnectAsync(_options.Host, _options.Port, SocketOptions, cancellationToken));
        if (_options.Username is { } user)
        {
            await StepAsync($"log in to {server} as {user}", () => client.AuthenticateAsync(user, _options.Password!, cancellationToken));
        }

        await StepAsync($"send to {server}", () => client.SendAsync(mime, cancellationToken));
        await StepAsync($"disconnect from {server}", () => client.DisconnectAsync(quit: true, cancellationToken));
        LogSent(_logger, server, mime.To.Count, message.Subject);
    }

    private SecureSocketOptions SocketOptions => _options.Security switch
    {
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.Tls => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.None,
    };

    private MimeMessage Build(DigestMessage message)
    {
        var mime = new MimeMessage { Subject = message.Subject, Date = _time.GetUtcNow() };
        mime.From.Add(MailboxAddress.Parse(_options.From));
        mime.To.AddRange(_options.To.Select(MailboxAddress.Parse));
        mime.Body = new BodyBuilder { TextBody = message.Text, HtmlBody = message.Html }.ToMessageBody();
        return mime;
    }

    private async Task StepAsync(string step, Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var reason = e switch
            {
                SmtpCommandException command => $"{(int)command.StatusCode} {command.Message}",
                SmtpProtocolException or AuthenticationException or SslHandshakeException or ServiceNotConnectedException => e.Message,
                System.Net.Sockets.SocketException or IOException or TimeoutException => e.Message,
                NotSupportedException => e.Message,
                _ => e.GetType().Name + ": " + e.Message,
            };
            var text = $"SMTP {step} failed: {reason}";
            if (_options.Password is { Length: > 0 } password)
            {
                text = text.Replace(password, "***", StringComparison.Ordinal);    // belt and braces: servers do not echo it
            }

            throw new DigestMailException(text);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Mailed the digest through {Server} to {Recipients} recipient(s): {Subject}")]
    private static partial void LogSent(ILogger logger, string server, int recipients, string subject);
}

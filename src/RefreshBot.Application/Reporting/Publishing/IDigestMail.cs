namespace RefreshBot.Application.Reporting.Publishing;

/// <summary>Sends the digest by e-mail (SMTP in production) to the configured recipients.</summary>
public interface IDigestMail
{
    /// <summary>Sends one message with a text and an HTML alternative. Failures throw <see cref="DigestMailException"/>
    /// (never with a password in it).</summary>
    Task SendAsync(DigestMessage message, CancellationToken cancellationToken);
}

/// <param name="Subject">Subject line.</param>
/// <param name="Text">The plain text part.</param>
/// <param name="Html">The HTML part (a self-contained page).</param>
public sealed record DigestMessage(string Subject, string Text, string Html);

/// <summary>Sending failed: <see cref="Exception.Message"/> says at which step and what the server said.</summary>
public sealed class DigestMailException(string message, Exception? inner = null) : Exception(message, inner);

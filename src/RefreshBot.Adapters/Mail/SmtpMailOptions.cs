using MimeKit;

namespace RefreshBot.Adapters.Mail;

/// <summary>How the connection to the SMTP server is secured.</summary>
public enum SmtpSecurity
{
    /// <summary>Plain SMTP (no TLS at all; for a relay on the same host).</summary>
    None,

    /// <summary>Plain connection upgraded with STARTTLS (required: fails when the server does not offer it). Usually port 587.</summary>
    StartTls,

    /// <summary>TLS from the first byte (SMTPS). Usually port 465.</summary>
    Tls,
}

/// <summary>An SMTP server and the digest's sender and recipients. Call <see cref="Validate"/> at start-up.</summary>
/// <param name="Host">Server host name or address.</param>
/// <param name="Port">Server port.</param>
/// <param name="Security">None, STARTTLS or TLS.</param>
/// <param name="Username">Log in as this user (null: no authentication).</param>
/// <param name="Password">The password (with <paramref name="Username"/>); never logged, never in an error.</param>
/// <param name="From">Sender address, e.g. <c>RefreshBot &lt;bot@example.com&gt;</c>.</param>
/// <param name="To">Recipient addresses.</param>
public sealed record SmtpMailOptions(
    string Host, int Port, SmtpSecurity Security, string? Username, string? Password, string From, IReadOnlyList<string> To)
{
    /// <summary>Connect, command and data timeout.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Throws <see cref="ArgumentException"/> naming the bad setting (never the password).</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Host) || Port is < 1 or > 65535)
        {
            throw new ArgumentException("smtp host must be set and port be 1-65535");
        }

        if ((Username is null) != (Password is null))
        {
            throw new ArgumentException("smtp username and password go together");
        }

        if (!MailboxAddress.TryParse(From, out _))
        {
            throw new ArgumentException($"smtp from '{From}' is not an e-mail address");
        }

        if (To.Count == 0)
        {
            throw new ArgumentException("smtp needs at least one recipient");
        }

        if (To.FirstOrDefault(to => !MailboxAddress.TryParse(to, out _)) is { } bad)
        {
            throw new ArgumentException($"smtp recipient '{bad}' is not an e-mail address");
        }
    }

    public override string ToString() =>
        $"SmtpMailOptions {{ Host = {Host}, Port = {Port}, Security = {Security}, Username = {Username}, From = {From}, To = {string.Join(", ", To)} }}";
}

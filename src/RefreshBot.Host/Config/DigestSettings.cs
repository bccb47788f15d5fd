using RefreshBot.Adapters.Mail;

namespace RefreshBot.Host.Config;

/// <summary>
/// Where the weekly digest is published (<c>digest:</c>): by the weekly job (<c>service.digest</c>) and by
/// <c>refreshbot report --publish</c>. Each channel is optional; none configured: the digest is built and logged only.
/// </summary>
/// <param name="GitHub">One issue per ISO week in a repository; null: none.</param>
/// <param name="Email">An e-mail (text + HTML) through SMTP; null: none.</param>
/// <param name="HtmlDir">A folder that gets the HTML page of each week; null: none.</param>
public sealed record DigestSettings(DigestIssueSettings? GitHub, DigestMailSettings? Email, string? HtmlDir)
{
    public static readonly DigestSettings None = new(null, null, null);

    public static readonly IReadOnlyList<string> DefaultLabels = ["refreshbot", "digest"];

    public bool PublishesAnywhere => GitHub is not null || Email is not null || HtmlDir is not null;
}

/// <param name="Owner">Owner of the repository the digest issues are opened in.</param>
/// <param name="Name">Its name.</param>
/// <param name="Labels">Labels every digest issue carries (and is found by); default <c>refreshbot</c>, <c>digest</c>.</param>
public sealed record DigestIssueSettings(string Owner, string Name, IReadOnlyList<string> Labels);

/// <param name="Host">SMTP server.</param>
/// <param name="Port">SMTP port (default by security: 25 none, 587 starttls, 465 tls).</param>
/// <param name="Security">none, starttls (default) or tls.</param>
/// <param name="Username">Log-in user (optional).</param>
/// <param name="Password">Its password, only from <c>${env:…}</c> / <c>${file:…}</c>.</param>
/// <param name="From">Sender address.</param>
/// <param name="To">Recipients (at least one).</param>
public sealed record DigestMailSettings(
    string Host, int Port, SmtpSecurity Security, string? Username, SecretText? Password, string From, IReadOnlyList<string> To)
{
    public SmtpMailOptions ToOptions() => new(Host, Port, Security, Username, Password?.Reveal(), From, To);
}

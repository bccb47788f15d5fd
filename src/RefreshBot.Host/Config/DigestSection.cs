using MimeKit;
using RefreshBot.Adapters.Mail;
using YamlDotNet.RepresentationModel;

namespace RefreshBot.Host.Config;

/// <summary>
/// Reads <c>digest:</c>: <c>github: {repository: owner/name, labels: [..]}</c> (needs the <c>github:</c> connection),
/// <c>email: {smtp: {host, port, security, username, password}, from, to: [..]}</c>, <c>html: {dir}</c>.
/// </summary>
internal static class DigestSection
{
    private static readonly string[] Keys = ["github", "email", "html"];
    private static readonly string[] GitHubKeys = ["repository", "labels"];
    private static readonly string[] EmailKeys = ["smtp", "from", "to"];
    private static readonly string[] SmtpKeys = ["host", "port", "security", "username", "password"];
    private static readonly string[] HtmlKeys = ["dir"];

    private static readonly Dictionary<string, SmtpSecurity> Securities = new(StringComparer.Ordinal)
    {
        ["none"] = SmtpSecurity.None,
        ["starttls"] = SmtpSecurity.StartTls,
        ["tls"] = SmtpSecurity.Tls,
    };

    public static DigestSettings Read(YamlNodes yaml, YamlNode? node, GitHubSettings? github)
    {
        if (node is null)
        {
            return DigestSettings.None;
        }

        var map = yaml.Mapping(node, "digest", Keys);
        var issues = map.TryGetValue("github", out var githubNode) ? ReadGitHub(yaml, githubNode, github) : null;
        var email = map.TryGetValue("email", out var emailNode) ? ReadEmail(yaml, emailNode) : null;
        string? dir = null;
        if (map.TryGetValue("html", out var htmlNode))
        {
            var html = yaml.Mapping(htmlNode, "digest.html", HtmlKeys);
            dir = html.TryGetValue("dir", out var dirNode)
                ? yaml.Folder(dirNode, "digest.html.dir")
                : throw yaml.Error(htmlNode, "digest.html: expected 'dir: PATH' (the folder the weekly HTML pages are written to)");
        }

        return new DigestSettings(issues, email, dir);
    }

    private static DigestIssueSettings ReadGitHub(YamlNodes yaml, YamlNode node, GitHubSettings? github)
    {
        var map = yaml.Mapping(node, "digest.github", GitHubKeys);
        if (github is null)
        {
            throw yaml.Error(node, "digest.github: needs the top-level github: section (the API connection and its token or App)");
        }

        if (!map.TryGetValue("repository", out var repositoryNode))
        {
            throw yaml.Error(node, "digest.github: expected 'repository: owner/name' (where the digest issues are opened)");
        }

        var repository = yaml.RequiredValue(repositoryNode, "digest.github.repository");
        var parts = repository.Split('/');
        if (parts.Length != 2 || parts.Any(p => p.Length == 0 || !p.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
        {
            throw yaml.Error(repositoryNode, $"digest.github.repository: expected owner/name such as acme/fleet, got '{yaml.Text(repositoryNode, "repository")}'");
        }

        var labels = DigestSettings.DefaultLabels;
        if (map.TryGetValue("labels", out var labelsNode))
        {
            labels = yaml.TextList(labelsNode, "digest.github.labels");
            if (labels.Count == 0)
            {
                throw yaml.Error(labelsNode, "digest.github.labels: expected at least one label (the digest issues are found by them)");
            }

            if (labels.FirstOrDefault(l => l.Contains(',', StringComparison.Ordinal) || l.Length > 50) is { } bad)
            {
                throw yaml.Error(labelsNode, $"digest.github.labels: expected label names without ',' of at most 50 characters, got '{bad}'");
            }
        }

        return new DigestIssueSettings(parts[0], parts[1], labels);
    }

    private static DigestMailSettings ReadEmail(YamlNodes yaml, YamlNode node)
    {
        var map = yaml.Mapping(node, "digest.email", EmailKeys);
        if (!map.TryGetValue("smtp", out var smtpNode))
        {
            throw yaml.Error(node, "digest.email: expected 'smtp: {host, port, security, username, password}'");
        }

        var smtp = yaml.Mapping(smtpNode, "digest.email.smtp", SmtpKeys);
        var host = smtp.TryGetValue("host", out var hostNode)
            ? yaml.RequiredValue(hostNode, "digest.email.smtp.host")
            : throw yaml.Error(smtpNode, "digest.email.smtp: expected 'host' (the SMTP server)");
        if (host.Any(c => char.IsWhiteSpace(c) || c is '/' or '@'))
        {
            throw yaml.Error(hostNode, $"digest.email.smtp.host: expected a host name or address such as smtp.example.com, got '{yaml.Text(hostNode, "host")}'");
        }

        var security = smtp.TryGetValue("security", out var securityNode)
            ? yaml.Choice(securityNode, "digest.email.smtp.security", Securities)
            : SmtpSecurity.StartTls;
        var port = smtp.TryGetValue("port", out var portNode)
            ? yaml.Integer(portNode, "digest.email.smtp.port", 1, 65535)
            : security switch { SmtpSecurity.None => 25, SmtpSecurity.Tls => 465, _ => 587 };
        string? username = smtp.TryGetValue("username", out var userNode) ? yaml.RequiredValue(userNode, "digest.email.smtp.username") : null;
        SecretText? password = smtp.TryGetValue("password", out var passwordNode) ? yaml.Secret(passwordNode, "digest.email.smtp.password") : null;
        if (username is null && password is not null)
        {
            throw yaml.Error(passwordNode, "digest.email.smtp.password: needs 'username' too");
        }

        if (username is not null && password is null)
        {
            throw yaml.Error(userNode, "digest.email.smtp.username: needs 'password: ${env:NAME}' or 'password: ${file:PATH}' too");
        }

        if (security == SmtpSecurity.None && password is not null && !IsLoopbackHost(host))
        {
            throw yaml.Error(securityNode ?? passwordNode!,
                $"digest.email.smtp: refusing to send the password in clear text to {host} (security: none); use 'security: starttls' or 'tls', or a relay on this machine (localhost)");
        }

        var from = map.TryGetValue("from", out var fromNode)
            ? Address(yaml, fromNode, "digest.email.from")
            : throw yaml.Error(node, "digest.email: expected 'from' (the sender address, e.g. RefreshBot <bot@example.com>)");
        if (!map.TryGetValue("to", out var toNode))
        {
            throw yaml.Error(node, "digest.email: expected 'to: [address, …]' (the recipients)");
        }

        var to = yaml.Sequence(toNode, "digest.email.to").Select(item => Address(yaml, item, "digest.email.to entry")).ToList();
        if (to.Count == 0)
        {
            throw yaml.Error(toNode, "digest.email.to: expected at least one recipient");
        }

        return new DigestMailSettings(host, port, security, username, password, from, to);
    }

    private static bool IsLoopbackHost(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (System.Net.IPAddress.TryParse(host.Trim('[', ']'), out var address) && System.Net.IPAddress.IsLoopback(address));

    /// <summary>One mailbox: <c>bot@example.com</c> or <c>RefreshBot &lt;bot@example.com&gt;</c>.</summary>
    private static string Address(YamlNodes yaml, YamlNode node, string what)
    {
        var text = yaml.RequiredValue(node, what);
        if (!MailboxAddress.TryParse(text, out var address) || address.Address.IndexOf('@', StringComparison.Ordinal) is < 1
            || address.Address.EndsWith('@'))
        {
            throw yaml.Error(node, $"{what}: expected an e-mail address such as bot@example.com, got '{yaml.Text(node, what)}'");
        }

        return text;
    }
}

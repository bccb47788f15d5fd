using System.Text;
using System.Text.Encodings.Web;
using RefreshBot.Domain.Reports.Weekly;

namespace RefreshBot.Host.Dashboard.Pages;

/// <summary>
/// What every dashboard page writes through: text is always HTML-encoded (names, titles and reasons come from
/// repositories and are untrusted), links to the outside only for http(s) URLs.
/// </summary>
internal static class Markup
{
    /// <summary><paramref name="text"/> HTML-encoded (attributes too); '' for null.</summary>
    public static string E(string? text) => text is null ? string.Empty : HtmlEncoder.Default.Encode(text);

    /// <summary>A link to <paramref name="url"/> when it is an absolute http(s) URL; else the text alone (a <c>javascript:</c>
    /// or file URL never becomes a link).</summary>
    public static string ExternalLink(string? url, string text, string? title = null) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? $"<a href=\"{E(uri.AbsoluteUri)}\" rel=\"noopener noreferrer\"{Title(title)}>{E(text)}</a>"
            : $"<span{Title(title ?? url)}>{E(text)}</span>";

    /// <summary>"2026-11-30 09:00 UTC" or —.</summary>
    public static string Time(DateTimeOffset? time) => time is { } t ? DigestPhrases.Instant(t) : DigestPhrases.None;

    /// <summary>A run's duration ("5 min", "&lt; 1 min") or — while it runs.</summary>
    public static string Duration(DateTimeOffset started, DateTimeOffset? finished) =>
        finished is { } end ? DigestPhrases.Duration(end - started) : DigestPhrases.None;

    /// <summary>The CSS class and words of a status.</summary>
    public static string Status(RepositoryStatus status) =>
        $"<span class=\"status status-{StatusKey(status)}\">{E(DigestPhrases.Status(status))}</span>";

    /// <summary>The status as written in the filter (<c>?status=not-run</c>) and in CSS classes.</summary>
    public static string StatusKey(RepositoryStatus status) => status switch
    {
        RepositoryStatus.Fresh => "fresh",
        RepositoryStatus.Stale => "stale",
        RepositoryStatus.Failing => "failing",
        _ => "not-run",
    };

    private static string Title(string? title) => title is null ? string.Empty : $" title=\"{E(title)}\"";

    public static StringBuilder Line(this StringBuilder b, string html) => b.Append(html).Append('\n');
}

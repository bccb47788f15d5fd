using System.Globalization;
using System.Text;

namespace RefreshBot.Domain.Proposals.Dashboard;

/// <summary>
/// The Markdown (GitHub flavoured) of a repository's dashboard issue, from data only. The hidden
/// <see cref="Marker"/> ties the issue to the bot (it is found by it, never by its title, which a person may edit).
/// The last line says when the content last changed; <see cref="SameContent"/> ignores it, so a run with nothing new
/// does not edit the issue. Every untrusted text is escaped: one table row stays one row, no HTML gets through.
/// </summary>
public static class DashboardText
{
    public const string Marker = "<!-- refreshbot:dashboard -->";

    /// <summary>In the body of a dashboard the bot closed itself (the option was turned off): turning it on reopens it.</summary>
    public const string RetiredMarker = "<!-- refreshbot:dashboard-off -->";

    /// <summary>At most this many rows per section; the rest is counted.</summary>
    public const int MaxRows = 100;

    private const string UpdatedPrefix = "<sub>Last updated ";

    /// <summary>The body for <paramref name="content"/>, last updated at <paramref name="updated"/>.</summary>
    public static string Body(DashboardContent content, DateTimeOffset updated)
    {
        ArgumentNullException.ThrowIfNull(content);
        var b = new StringBuilder();
        b.Append(Marker).Append('\n');
        b.Append("RefreshBot keeps this issue current after every run: updates it found but has not proposed yet, its open pull requests, ")
            .Append("updates you turned down and what failed. Closing the issue stops it (RefreshBot does not open another one).\n\n");
        Pending(b, content);
        Open(b, content.Open);
        Declined(b, content.Declined);
        Failed(b, content.Failed);
        b.Append("---\n").Append(UpdatedPrefix).Append(Time(updated)).Append(" by RefreshBot.</sub>\n");
        return b.ToString();
    }

    /// <summary>True when both bodies say the same apart from the "last updated" line (line endings ignored).</summary>
    public static bool SameContent(string? current, string desired) =>
        string.Equals(WithoutUpdated(current ?? ""), WithoutUpdated(desired), StringComparison.Ordinal);

    /// <summary>The body carries <see cref="Marker"/>: it is the bot's dashboard.</summary>
    public static bool IsDashboard(string? body) => body is not null && body.Contains(Marker, StringComparison.Ordinal);

    /// <summary>The bot closed it because the option was turned off (not a person).</summary>
    public static bool IsRetired(string? body) => body is not null && body.Contains(RetiredMarker, StringComparison.Ordinal);

    /// <summary>The body left in a dashboard the bot closes because <c>dashboardIssue</c> was turned off.</summary>
    public static string RetiredBody(DateTimeOffset at) =>
        $"{Marker}\n{RetiredMarker}\nRefreshBot no longer keeps this dashboard: `dashboardIssue` is off for this repository. "
        + "Turning it on again reopens this issue.\n\n---\n" + UpdatedPrefix + Time(at) + " by RefreshBot.</sub>\n";

    /// <summary>The comment posted before closing it for that reason.</summary>
    public const string RetiredComment =
        "The dashboard is turned off for this repository (`dashboardIssue: false`), so RefreshBot closes this issue. Turning it on again reopens it.";

    private static void Pending(StringBuilder b, DashboardContent content)
    {
        b.Append("## Pending\n\n");
        if (!content.PendingKnown)
        {
            b.Append("Not known: this run failed before it could tell (see Failed).\n\n");
            return;
        }

        if (content.Pending.Count == 0)
        {
            b.Append("Nothing pending.\n\n");
            return;
        }

        var rows = content.Pending
            .OrderBy(p => p.Dockerfile, StringComparer.Ordinal).ThenBy(p => p.Line).ThenBy(p => p.Reference, StringComparer.Ordinal)
            .ToList();
        b.Append("| Dockerfile | Image | Why not proposed |\n|---|---|---|\n");
        foreach (var p in rows.Take(MaxRows))
        {
            var why = p.SoakingUntil is { } until ? "soaking until " + Time(until) : p.Reason;
            b.Append("| ").Append(MarkdownText.Code($"{p.Dockerfile}:{p.Line.ToString(CultureInfo.InvariantCulture)}"))
                .Append(" | ").Append(p.Reference is null ? "" : MarkdownText.Code(p.Reference))
                .Append(" | ").Append(MarkdownText.Plain(why)).Append(" |\n");
        }

        More(b, rows.Count);
    }

    private static void Open(StringBuilder b, IReadOnlyList<DashboardOpen> open)
    {
        b.Append("## Open\n\n");
        if (open.Count == 0)
        {
            b.Append("No open pull requests.\n\n");
            return;
        }

        foreach (var pull in open.OrderBy(o => o.Number).Take(MaxRows))
        {
            b.Append("- ").Append(Link("#" + pull.Number.ToString(CultureInfo.InvariantCulture), pull.Url))
                .Append(' ').Append(MarkdownText.Plain(pull.Title.Length == 0 ? "(untitled)" : pull.Title))
                .Append(" (").Append(MarkdownText.Code(pull.Branch)).Append(")\n");
        }

        More(b, open.Count, list: true);
    }

    private static void Declined(StringBuilder b, IReadOnlyList<DashboardDeclined> declined)
    {
        b.Append("## Ignored / closed by you\n\n");
        if (declined.Count == 0)
        {
            b.Append("Nothing: no update was turned down.\n\n");
            return;
        }

        b.Append("Closed without merging, so not proposed again:\n\n| Dockerfile | Image | Digest | Closed |\n|---|---|---|---|\n");
        var rows = declined
            .OrderBy(d => d.Dockerfile, StringComparer.Ordinal).ThenBy(d => d.Image, StringComparer.Ordinal).ThenBy(d => d.Digest, StringComparer.Ordinal)
            .ToList();
        foreach (var d in rows.Take(MaxRows))
        {
            var closed = d.Number is { } number ? Link("#" + number.ToString(CultureInfo.InvariantCulture), d.Url) : "";
            b.Append("| ").Append(MarkdownText.Code(d.Dockerfile))
                .Append(" | ").Append(MarkdownText.Code(d.Tag.Length == 0 ? d.Image : d.Image + ":" + d.Tag))
                .Append(" | ").Append(MarkdownText.Code(d.Digest))
                .Append(" | ").Append(closed).Append(" |\n");
        }

        More(b, rows.Count);
    }

    private static void Failed(StringBuilder b, IReadOnlyList<DashboardFailure> failed)
    {
        b.Append("## Failed\n\n");
        if (failed.Count == 0)
        {
            b.Append("Nothing failed in the last run.\n\n");
            return;
        }

        var rows = failed.OrderBy(f => f.Where is null ? 0 : 1).ThenBy(f => f.Where, StringComparer.Ordinal).ThenBy(f => f.Reason, StringComparer.Ordinal).ToList();
        foreach (var f in rows.Take(MaxRows))
        {
            b.Append("- ");
            if (f.Where is not null)
            {
                b.Append(MarkdownText.Code(f.Where)).Append(": ");
            }

            b.Append(MarkdownText.Plain(f.Reason)).Append('\n');
        }

        More(b, rows.Count, list: true);
    }

    private static void More(StringBuilder b, int count, bool list = false)
    {
        if (count > MaxRows)
        {
            b.Append(list ? "" : "\n").Append("… and ").Append((count - MaxRows).ToString(CultureInfo.InvariantCulture)).Append(" more.\n");
        }

        b.Append('\n');
    }

    /// <summary>A link when the address is an http(s) URL (characters that could end it percent-encoded); else the address as code.</summary>
    private static string Link(string text, string? url)
    {
        if (url is null || !(url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("http://", StringComparison.OrdinalIgnoreCase)))
        {
            return url is null ? MarkdownText.Plain(text) : MarkdownText.Plain(text) + " " + MarkdownText.Code(url);
        }

        var safe = new StringBuilder(url.Length);
        foreach (var c in url)
        {
            if (c is '(' or ')' or '<' or '>' or '"' or '\'' or '`' or '[' or ']' or '|' or '\\' || char.IsWhiteSpace(c) || char.IsControl(c) || c > 126)
            {
                foreach (var by in Encoding.UTF8.GetBytes(c.ToString()))
                {
                    safe.Append('%').Append(by.ToString("X2", CultureInfo.InvariantCulture));
                }
            }
            else
            {
                safe.Append(c);
            }
        }

        return "[" + MarkdownText.Plain(text) + "](" + safe + ")";
    }

    private static string WithoutUpdated(string body) => string.Join(
        '\n', body.ReplaceLineEndings("\n").Split('\n').Where(line => !line.StartsWith(UpdatedPrefix, StringComparison.Ordinal)));

    private static string Time(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}

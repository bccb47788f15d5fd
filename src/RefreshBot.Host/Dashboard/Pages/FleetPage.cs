using System.Globalization;
using System.Text;
using RefreshBot.Application.Refresh.History;
using RefreshBot.Application.Reporting.Status;
using RefreshBot.Domain.Reports.Weekly;
using static RefreshBot.Host.Dashboard.Pages.Markup;

namespace RefreshBot.Host.Dashboard.Pages;

/// <summary><c>/dashboard</c>: one row per tracked repository, filtered and sorted by a <see cref="FleetView"/>.</summary>
internal static class FleetPage
{
    private static readonly (FleetColumn Column, string Label, bool Numeric)[] Headers =
    [
        (FleetColumn.Repository, "Repository", false),
        (FleetColumn.Dockerfiles, "Dockerfiles", false),
        (FleetColumn.Images, "Base images", false),
        (FleetColumn.Status, "Status", false),
        (FleetColumn.Lag, "Freshness lag", true),
        (FleetColumn.PullRequests, "Open PRs", false),
        (FleetColumn.LastRun, "Last run", false),
        (FleetColumn.LastError, "Last error", false),
    ];

    public static string Body(IReadOnlyList<RepositoryState> fleet, FleetView view, DateTimeOffset now)
    {
        var rows = view.Apply(fleet);
        var b = new StringBuilder();
        b.Line("<h1>Fleet</h1>");
        b.Append("<ul class=\"figures\" id=\"figures\">")
            .Append(CultureInfo.InvariantCulture, $"<li>{fleet.Count} repositories</li>");
        foreach (var status in FleetView.Statuses)
        {
            b.Append(CultureInfo.InvariantCulture, $"<li>{fleet.Count(s => s.Status == status)} {E(DigestPhrases.Status(status))}</li>");
        }

        b.Append(CultureInfo.InvariantCulture, $"<li>{fleet.Sum(s => s.Open.Count)} open refresh PRs</li>")
            .Line($"<li class=\"muted\">as of {E(Time(now))}</li></ul>");

        b.Line($"<form class=\"filter\" method=\"get\" action=\"{DashboardPaths.Root}\" role=\"search\">")
            .Line($"<input type=\"search\" name=\"q\" id=\"filter-text\" value=\"{E(view.Text)}\" placeholder=\"Filter: repository, image, Dockerfile, error\" aria-label=\"Filter text\" size=\"40\">")
            .Line("<select name=\"status\" id=\"filter-status\" aria-label=\"Status\"><option value=\"\">any status</option>");
        foreach (var status in FleetView.Statuses)
        {
            var selected = view.Status == status ? " selected" : string.Empty;
            b.Line($"<option value=\"{StatusKey(status)}\"{selected}>{E(DigestPhrases.Status(status))}</option>");
        }

        b.Line("</select>")
            .Line($"<input type=\"hidden\" name=\"sort\" value=\"{E(view.SortName)}\"><input type=\"hidden\" name=\"dir\" value=\"{(view.Descending ? "desc" : "asc")}\">")
            .Line($"<button type=\"submit\" id=\"filter-apply\">Filter</button> <a href=\"{DashboardPaths.Root}\">Reset</a>")
            .Line($"<span class=\"muted\" id=\"shown\">{rows.Count} of {fleet.Count} shown</span></form>");

        b.Line("<div class=\"scroll\"><table id=\"fleet\"><thead><tr>");
        foreach (var (column, label, numeric) in Headers)
        {
            var aria = view.AriaSort(column) is { } sort ? $" aria-sort=\"{sort}\"" : string.Empty;
            b.Line($"<th{(numeric ? " class=\"num\"" : string.Empty)} data-column=\"{E(column.ToString())}\"{aria}><a href=\"{E(view.SortLink(column))}\">{E(label)}</a></th>");
        }

        b.Line("</tr></thead><tbody>");
        foreach (var s in rows)
        {
            Row(b, s);
        }

        if (rows.Count == 0)
        {
            b.Line($"<tr><td colspan=\"{Headers.Length}\" class=\"muted\">No repository matches.</td></tr>");
        }

        return b.Line("</tbody></table></div>").ToString();
    }

    private static void Row(StringBuilder b, RepositoryState s)
    {
        b.Append($"<tr data-repository=\"{E(s.Repository)}\" data-status=\"{StatusKey(s.Status)}\">")
            .Append($"<td><a href=\"{E(DashboardPaths.Repository(s.Repository))}\">{E(s.Repository)}</a></td>")
            .Append("<td>").Append(List(s.Dockerfiles.Select(d => $"<code>{E(d)}</code>"))).Append("</td>")
            .Append("<td>").Append(List(s.BaseImages.Select(Image))).Append("</td>")
            .Append("<td>").Append(Status(s.Status)).Append("</td>")
            .Append($"<td class=\"num\">{E(DigestPhrases.Lag(s.Lag))}</td>")
            .Append("<td>").Append(List(s.Open.Select(p => ExternalLink(p.Url, "#" + p.Number.ToString(CultureInfo.InvariantCulture), p.Title)))).Append("</td>")
            .Append("<td class=\"when\">").Append(s.LastRun is { } run ? $"{E(Time(run.Finished))}<br><span class=\"outcome-{run.Outcome}\">{E(run.Outcome?.ToString().ToLowerInvariant())}</span>" : E(DigestPhrases.None)).Append("</td>")
            .Append($"<td class=\"reason\">{E(s.LastError)}</td>")
            .Line("</tr>");
    }

    public static string Image(RecordedImageUse use) =>
        $"<code>{E(use.Image)}{(use.Tag is { } tag ? ":" + E(tag) : string.Empty)}</code>{(use.Pinned ? " <span class=\"muted\">pinned</span>" : string.Empty)}";

    private static string List(IEnumerable<string> items)
    {
        var all = items.ToList();
        return all.Count == 0 ? E(DigestPhrases.None) : "<ul>" + string.Concat(all.Select(i => "<li>" + i + "</li>")) + "</ul>";
    }
}

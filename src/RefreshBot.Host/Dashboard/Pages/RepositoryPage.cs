using System.Globalization;
using System.Text;
using RefreshBot.Application.Refresh.History;
using RefreshBot.Application.Refresh.Ports;
using RefreshBot.Application.Reporting.Status;
using RefreshBot.Domain.Reports.Weekly;
using static RefreshBot.Host.Dashboard.Pages.Markup;

namespace RefreshBot.Host.Dashboard.Pages;

/// <summary><c>/dashboard/repositories/{id}</c>: its state, the base images it uses, its refresh pull requests and recent runs.</summary>
internal static class RepositoryPage
{
    public static string Body(RepositoryState state, IReadOnlyList<RecordedProposal> proposals, IReadOnlyList<RecordedRun> runs)
    {
        var b = new StringBuilder();
        b.Line($"<h1 id=\"repository\">{E(state.Repository)}</h1>")
            .Append("<ul class=\"figures\" id=\"figures\"><li>").Append(Status(state.Status)).Append("</li>")
            .Append($"<li>lag {E(DigestPhrases.Lag(state.Lag))}</li>")
            .Append(CultureInfo.InvariantCulture, $"<li>{state.Open.Count} open refresh PRs</li>")
            .Line($"<li>last run {E(Time(state.LastRun?.Finished))}</li></ul>");
        if (state.LastError is { } error)
        {
            b.Line($"<p class=\"error reason\" id=\"last-error\">Last error: {E(error)}</p>");
        }

        if (state.SkipReasons.Count > 0)
        {
            b.Line("<h2>Left alone by the last run</h2><ul id=\"skipped\">")
                .Line(string.Concat(state.SkipReasons.Select(r => $"<li>{E(r)}</li>"))).Line("</ul>");
        }

        b.Line("<h2>Base images in use</h2>")
            .Line("<div class=\"scroll\"><table id=\"references\"><thead><tr><th>Image</th><th>Tag</th><th>Pinned by digest</th><th>Recorded</th></tr></thead><tbody>");
        foreach (var use in state.BaseImages)
        {
            b.Line($"<tr><td><code>{E(use.Image)}</code></td><td>{E(use.Tag ?? "(digest only)")}</td><td>{(use.Pinned ? "yes" : "no")}</td><td class=\"when\">{E(Time(use.RecordedAt))}</td></tr>");
        }

        if (state.BaseImages.Count == 0)
        {
            b.Line("<tr><td colspan=\"4\" class=\"muted\">No run has recorded its base images yet.</td></tr>");
        }

        b.Line("</tbody></table></div>");
        if (state.Dockerfiles.Count > 0)
        {
            b.Line("<p class=\"muted\" id=\"dockerfiles\">Dockerfiles in its history: " + string.Join(", ", state.Dockerfiles.Select(d => $"<code>{E(d)}</code>")) + "</p>");
        }

        b.Line("<h2>Refresh pull requests</h2>")
            .Line("<div class=\"scroll\"><table id=\"proposals\"><thead><tr><th class=\"num\">PR</th><th>Title</th><th>Branch</th><th>State</th>"
                + "<th>Opened</th><th>Closed</th><th>Updates</th></tr></thead><tbody>");
        foreach (var p in proposals)
        {
            b.Append(CultureInfo.InvariantCulture, $"<tr data-state=\"{p.State}\"><td class=\"num\">{ExternalLink(p.Url, "#" + p.Number.ToString(CultureInfo.InvariantCulture))}</td>")
                .Append($"<td>{E(p.Title)}</td><td><code>{E(p.Branch)}</code></td><td>{E(State(p.State))}</td>")
                .Append($"<td class=\"when\">{E(Time(p.Opened))}</td><td class=\"when\">{E(Time(p.Closed))}</td><td><ul>")
                .Append(string.Concat(p.Updates.Select(Update)))
                .Line("</ul></td></tr>");
        }

        if (proposals.Count == 0)
        {
            b.Line("<tr><td colspan=\"7\" class=\"muted\">No refresh pull request recorded.</td></tr>");
        }

        b.Line("</tbody></table></div>").Line("<h2>Recent runs</h2>");
        RunsTable.Write(b, "runs", runs, withRepository: false);
        return b.ToString();
    }

    private static string Update(RecordedUpdate u) =>
        $"<li><code>{E(u.Dockerfile)}</code>: <code>{E(u.Image)}{(u.Tag is { } tag ? ":" + E(tag) : string.Empty)}</code> "
        + $"{E(Short(u.From) ?? "unpinned")} → {E(Short(u.To))} <span class=\"muted\">({E(u.Platform)}{(u.FirstSeen is { } seen ? ", first seen " + E(Time(seen)) : string.Empty)})</span></li>";

    private static string? Short(string? digest) => digest is null ? null : digest.Length > 19 ? digest[..19] + "…" : digest;

    private static string State(PullRequestState state) => state switch
    {
        PullRequestState.Open => "open",
        PullRequestState.Merged => "merged",
        _ => "closed unmerged",
    };
}

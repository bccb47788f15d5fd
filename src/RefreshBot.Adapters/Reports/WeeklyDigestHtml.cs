using System.Globalization;
using System.Net;
using System.Text;
using RefreshBot.Domain.Reports.Weekly;
using RefreshBot.Domain.Vulnerabilities.Severity;

namespace RefreshBot.Adapters.Reports;

/// <summary>
/// The weekly digest as one self-contained HTML page: inline CSS, inline SVG charts (<see cref="DigestCharts"/>), no
/// script, no external asset; one column on a phone with tables scrolling inside their box. Headline figures carry
/// <c>data-figure</c> (the JSON field name) so tools and tests can find them. Every text from the history is
/// HTML-encoded; links only for http(s) URLs. Deterministic.
/// </summary>
public static class WeeklyDigestHtml
{
    public static string Render(WeeklyDigest digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        var title = $"RefreshBot weekly digest — {digest.Week}";
        var b = new StringBuilder();
        b.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(E(title)).Append("</title>\n<style>\n").Append(DigestPageStyle.Css).Append("</style>\n</head>\n<body>\n")
            .Append("<h1>").Append(E(title)).Append("</h1>\n<p class=\"meta\">").Append(E(DigestPhrases.Period(digest.Week)))
            .Append(" (UTC) · figures as of <time datetime=\"").Append(WeeklyDigestJson.Instant(digest.AsOf)).Append("\">")
            .Append(E(DigestPhrases.Instant(digest.AsOf))).Append("</time></p>\n");
        Fleet(b, digest.Fleet);
        Repositories(b, digest);
        Security(b, digest);
        Trend(b, digest.Trend);
        b.Append("</body>\n</html>\n");
        return b.ToString();
    }

    private static void Fleet(StringBuilder b, FleetSummary f)
    {
        b.Append("<h2>Fleet</h2>\n<dl class=\"figures\">\n");
        Figure(b, "repositoriesTracked", "Repositories tracked", N(f.RepositoriesTracked));
        Figure(b, "fullyFresh", "Fully fresh", DigestPhrases.FullyFresh(f));
        Figure(b, "medianLag", "Median lag", DigestPhrases.Lag(f.MedianLag));
        Figure(b, "worstLag", "Worst lag", DigestPhrases.Lag(f.WorstLag));
        Figure(b, "openPullRequests", "Refresh PRs open", N(f.OpenPullRequests));
        Figure(b, "openedThisWeek", "Opened this week", N(f.OpenedThisWeek));
        Figure(b, "mergedThisWeek", "Merged this week", N(f.MergedThisWeek));
        Figure(b, "closedUnmergedThisWeek", "Closed unmerged", N(f.ClosedUnmergedThisWeek));
        Figure(b, "baseImages", "Base images", N(f.BaseImages.Count));
        b.Append("</dl>\n");
        if (f.WorstLag is not null && f.WorstLagRepository is { } worst)
        {
            b.Append("<p>Worst lag: <code data-figure=\"worstLagRepository\">").Append(E(worst)).Append("</code></p>\n");
        }

        b.Append("<h3>Base images</h3>\n");
        if (f.BaseImages.Count == 0)
        {
            b.Append("<p>No base images found.</p>\n");
            return;
        }

        b.Append("<div class=\"charts\">\n").Append(DigestCharts.BaseImages(f.BaseImages)).Append("</div>\n");
        b.Append("<div class=\"scroll\"><table id=\"base-images\">\n<thead><tr><th>Image</th><th class=\"num\">Repositories</th><th>Tags</th></tr></thead>\n<tbody>\n");
        foreach (var image in f.BaseImages)
        {
            b.Append("<tr><td><code>").Append(E(image.Image)).Append("</code></td><td class=\"num\">").Append(N(image.Repositories))
                .Append("</td><td class=\"wrap\">").Append(string.Join(", ", image.Tags.Select(t => "<code>" + E(t) + "</code>"))).Append("</td></tr>\n");
        }

        b.Append("</tbody></table></div>\n");
    }

    private static void Repositories(StringBuilder b, WeeklyDigest digest)
    {
        b.Append("<h2>Repositories</h2>\n");
        if (digest.Repositories.Count == 0)
        {
            b.Append("<p>No repositories are tracked.</p>\n");
            return;
        }

        b.Append("<div class=\"scroll\"><table id=\"repositories\">\n<thead><tr><th>Repository</th><th>Status</th><th class=\"num\">Lag</th>")
            .Append("<th>Open refresh PRs</th><th class=\"num\">Merged</th><th class=\"num\">Closed unmerged</th><th>Notes</th></tr></thead>\n<tbody>\n");
        foreach (var r in digest.Repositories)
        {
            var status = r.Status.ToString();
            b.Append("<tr data-repository=\"").Append(E(r.Repository)).Append("\"><td><code>").Append(E(r.Repository)).Append("</code></td>")
                .Append("<td class=\"status status-").Append(char.ToLowerInvariant(status[0])).Append(status[1..]).Append("\">")
                .Append(E(DigestPhrases.Status(r.Status))).Append("</td><td class=\"num\">").Append(E(DigestPhrases.Lag(r.Lag))).Append("</td><td>");
            b.Append(r.Open.Count == 0 ? E(DigestPhrases.None) : string.Join("<br>", r.Open.Select(p => OpenProposal(p, digest.AsOf))));
            b.Append("</td><td class=\"num\">").Append(Links(r.Merged)).Append("</td><td class=\"num\">").Append(Links(r.ClosedUnmerged))
                .Append("</td><td class=\"wrap\">").Append(Notes(r)).Append("</td></tr>\n");
        }

        b.Append("</tbody></table></div>\n");
    }

    private static string OpenProposal(ProposalDigest p, DateTimeOffset asOf)
    {
        var mark = DigestPhrases.BuildMark(p.Build);
        var css = p.Build switch { BuildStatus.Succeeded => "ok", BuildStatus.Failed => "bad", _ => "" };
        var text = new StringBuilder(Link(p)).Append(" · ").Append(E(DigestPhrases.Duration(p.AgeAt(asOf))))
            .Append(" · <span class=\"").Append(css).Append("\" title=\"").Append(E(DigestPhrases.BuildWords(p.Build))).Append("\">")
            .Append(E(mark)).Append("</span>");
        if (p.WouldFix.Total > 0)
        {
            text.Append(" · fixes ").Append(E(DigestPhrases.Counts(p.WouldFix)));
        }

        return text.ToString();
    }

    private static string Links(IReadOnlyList<ProposalDigest> proposals) =>
        proposals.Count == 0 ? "0" : N(proposals.Count) + " (" + string.Join(", ", proposals.Select(Link)) + ")";

    private static string Notes(RepositoryDigest r)
    {
        var notes = new List<string>();
        if (r.LastError is { } error)
        {
            notes.Add("<span class=\"bad\">failed:</span> " + E(error));
        }

        notes.AddRange(r.SkipReasons.Select(reason => "skipped: " + E(reason)));
        if (r.Status == RepositoryStatus.NotRun)
        {
            notes.Add("has not run yet");
        }

        return string.Join("<br>", notes);
    }

    private static void Security(StringBuilder b, WeeklyDigest digest)
    {
        var s = digest.Security;
        b.Append("<h2>Security</h2>\n<div class=\"scroll\"><table id=\"security\">\n<thead><tr><th></th><th class=\"num\">Critical</th><th class=\"num\">High</th>")
            .Append("<th class=\"num\">Medium</th><th class=\"num\">Low</th><th class=\"num\">Unknown</th><th class=\"num\">Total</th></tr></thead>\n<tbody>\n");
        Severity(b, "fixedByMerged", "Fixed by refreshes merged this week", s.FixedByMerged);
        Severity(b, "stillExposed", "Still exposed in current images", s.StillExposed);
        Severity(b, "newExposure", "New exposure from refreshes merged this week", s.NewExposure);
        b.Append("</tbody></table></div>\n");
        if (s.FixedIds.Count > 0)
        {
            b.Append("<p>Fixed this week: ").Append(string.Join(", ", s.FixedIds.Select(id => "<code>" + E(id) + "</code>"))).Append("</p>\n");
        }

        b.Append("<p>Critical and high still exposed: <strong data-figure=\"stillExposedCriticalHigh\">").Append(N(s.StillExposed.CriticalOrHigh))
            .Append("</strong>. Exposure counted over <span data-figure=\"evaluatedRepositories\">").Append(N(s.EvaluatedRepositories))
            .Append("</span> of ").Append(N(digest.Fleet.RepositoriesTracked)).Append(" repositories with a build-and-scan evaluation.</p>\n");
    }

    private static void Severity(StringBuilder b, string key, string label, SeverityCounts c)
    {
        b.Append("<tr data-row=\"").Append(key).Append("\"><th>").Append(E(label)).Append("</th>");
        foreach (var count in new[] { c.Critical, c.High, c.Medium, c.Low, c.Unknown, c.Total })
        {
            b.Append("<td class=\"num\">").Append(N(count)).Append("</td>");
        }

        b.Append("</tr>\n");
    }

    private static void Trend(StringBuilder b, IReadOnlyList<WeekTrendPoint> trend)
    {
        b.Append("<h2>Trend</h2>\n");
        if (trend.Count < 2)
        {
            b.Append("<p>First week: no earlier weeks to compare with.</p>\n");
        }
        else
        {
            var (now, before) = (trend[^1], trend[^2]);
            b.Append("<p>Against ").Append(E(before.Week.ToString())).Append(": median lag ").Append(E(DigestPhrases.Change(now.MedianLag, before.MedianLag)))
                .Append(", open refresh PRs ").Append(E(DigestPhrases.Change(now.OpenPullRequests, before.OpenPullRequests)))
                .Append(", critical + high exposed ").Append(E(DigestPhrases.Change(now.ExposedCriticalHigh, before.ExposedCriticalHigh))).Append(".</p>\n");
        }

        if (trend.Count == 0)
        {
            return;
        }

        b.Append("<div class=\"charts\">\n").Append(DigestCharts.MedianLag(trend)).Append(DigestCharts.OpenPullRequests(trend))
            .Append(DigestCharts.Exposure(trend)).Append("</div>\n");
        b.Append("<div class=\"scroll\"><table id=\"trend\">\n<thead><tr><th>Week</th><th class=\"num\">Median lag</th><th class=\"num\">Open refresh PRs</th>")
            .Append("<th class=\"num\">Critical + high exposed</th></tr></thead>\n<tbody>\n");
        foreach (var p in trend)
        {
            b.Append("<tr><td>").Append(E(p.Week.ToString())).Append("</td><td class=\"num\">").Append(E(DigestPhrases.Lag(p.MedianLag)))
                .Append("</td><td class=\"num\">").Append(N(p.OpenPullRequests)).Append("</td><td class=\"num\">").Append(N(p.ExposedCriticalHigh)).Append("</td></tr>\n");
        }

        b.Append("</tbody></table></div>\n");
    }

    private static void Figure(StringBuilder b, string key, string label, string value) =>
        b.Append("<div><dt>").Append(E(label)).Append("</dt><dd data-figure=\"").Append(key).Append("\">").Append(E(value)).Append("</dd></div>\n");

    private static string Link(ProposalDigest p)
    {
        var label = "#" + N(p.Number);
        return Uri.TryCreate(p.Url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? $"<a href=\"{E(uri.AbsoluteUri)}\" title=\"{E(p.Title)}\">{label}</a>"
            : label;
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);
}

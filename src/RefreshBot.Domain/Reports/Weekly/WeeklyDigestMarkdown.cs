using System.Globalization;
using System.Text;
using RefreshBot.Domain.Proposals;
using RefreshBot.Domain.Vulnerabilities.Severity;

namespace RefreshBot.Domain.Reports.Weekly;

/// <summary>
/// The weekly digest as GitHub-flavoured Markdown: the body of the week's GitHub issue. Sections: fleet, base images,
/// repositories (one table row each), errors and skips, merged and closed this week, security, trend. Every name,
/// title and reason is untrusted (escaped; never raw HTML); links only for http(s) URLs. Deterministic.
/// </summary>
public static class WeeklyDigestMarkdown
{
    public static string Render(WeeklyDigest digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        var b = new StringBuilder();
        b.Append("# RefreshBot weekly digest — ").Append(digest.Week).Append("\n\n");
        b.Append('_').Append(DigestPhrases.Period(digest.Week)).Append(" (UTC) · figures as of ")
            .Append(DigestPhrases.Instant(digest.AsOf)).Append("_\n");
        Fleet(b, digest.Fleet);
        BaseImages(b, digest.Fleet.BaseImages);
        Repositories(b, digest);
        Problems(b, digest.Repositories);
        Closed(b, digest);
        Security(b, digest);
        Trend(b, digest.Trend);
        return b.ToString();
    }

    private static void Fleet(StringBuilder b, FleetSummary fleet)
    {
        b.Append("\n## Fleet\n\n| | |\n|---|---:|\n");
        Row(b, "Repositories tracked", Number(fleet.RepositoriesTracked));
        Row(b, "Fully fresh", DigestPhrases.FullyFresh(fleet));
        Row(b, "Median lag", DigestPhrases.Lag(fleet.MedianLag));
        Row(b, "Worst lag", fleet.WorstLag is { } worst
            ? DigestPhrases.Duration(worst) + (fleet.WorstLagRepository is { } r ? " (" + MarkdownText.Code(r) + ")" : "")
            : DigestPhrases.None);
        Row(b, "Refresh PRs open", Number(fleet.OpenPullRequests));
        Row(b, "Opened this week", Number(fleet.OpenedThisWeek));
        Row(b, "Merged this week", Number(fleet.MergedThisWeek));
        Row(b, "Closed unmerged this week", Number(fleet.ClosedUnmergedThisWeek));
        Row(b, "Base images in use", Number(fleet.BaseImages.Count));
    }

    private static void BaseImages(StringBuilder b, IReadOnlyList<BaseImageUse> images)
    {
        b.Append("\n### Base images\n\n");
        if (images.Count == 0)
        {
            b.Append("No base images found.\n");
            return;
        }

        b.Append("| Image | Repositories | Tags |\n|---|---:|---|\n");
        foreach (var image in images)
        {
            Row(b, MarkdownText.Code(image.Image), Number(image.Repositories), string.Join(", ", image.Tags.Select(MarkdownText.Code)));
        }
    }

    private static void Repositories(StringBuilder b, WeeklyDigest digest)
    {
        b.Append("\n## Repositories\n\n");
        if (digest.Repositories.Count == 0)
        {
            b.Append("No repositories are tracked.\n");
            return;
        }

        b.Append("| Repository | Status | Lag | Open refresh PRs | Merged | Closed unmerged |\n|---|---|---:|---|---:|---:|\n");
        foreach (var r in digest.Repositories)
        {
            var open = r.Open.Count == 0
                ? DigestPhrases.None
                : string.Join("<br>", r.Open.Select(p => OpenProposal(p, digest.AsOf)));
            Row(b, MarkdownText.Code(r.Repository), DigestPhrases.Status(r.Status), DigestPhrases.Lag(r.Lag), open,
                Number(r.Merged.Count), Number(r.ClosedUnmerged.Count));
        }
    }

    /// <summary>"[#12](url) · 2 d 3 h · ✓ · fixes 2 critical, 1 high".</summary>
    private static string OpenProposal(ProposalDigest p, DateTimeOffset asOf)
    {
        var text = new StringBuilder(Link(p)).Append(" · ").Append(DigestPhrases.Duration(p.AgeAt(asOf)))
            .Append(" · ").Append(DigestPhrases.BuildMark(p.Build));
        if (p.WouldFix.Total > 0)
        {
            text.Append(" · fixes ").Append(DigestPhrases.Counts(p.WouldFix));
        }

        return text.ToString();
    }

    private static void Problems(StringBuilder b, IReadOnlyList<RepositoryDigest> repositories)
    {
        var lines = new List<string>();
        foreach (var r in repositories)
        {
            if (r.LastError is { } error)
            {
                lines.Add($"- {MarkdownText.Code(r.Repository)} failed: {MarkdownText.Plain(error)}");
            }

            lines.AddRange(r.SkipReasons.Select(reason => $"- {MarkdownText.Code(r.Repository)} skipped: {MarkdownText.Plain(reason)}"));
            if (r.Status == RepositoryStatus.NotRun)
            {
                lines.Add($"- {MarkdownText.Code(r.Repository)} has not run yet");
            }
        }

        if (lines.Count > 0)
        {
            b.Append("\n### Errors and skips\n\n");
            foreach (var line in lines)
            {
                b.Append(line).Append('\n');
            }
        }
    }

    private static void Closed(StringBuilder b, WeeklyDigest digest)
    {
        List(b, "Merged this week", "merged", digest.Repositories.SelectMany(r => r.Merged.Select(p => (r.Repository, p))).ToList(), digest.AsOf);
        List(b, "Closed without merging this week", "closed",
            digest.Repositories.SelectMany(r => r.ClosedUnmerged.Select(p => (r.Repository, p))).ToList(), digest.AsOf);
    }

    private static void List(StringBuilder b, string title, string verb, List<(string Repository, ProposalDigest Proposal)> items, DateTimeOffset asOf)
    {
        if (items.Count == 0)
        {
            return;
        }

        b.Append("\n### ").Append(title).Append("\n\n");
        foreach (var (repository, p) in items)
        {
            b.Append("- ").Append(MarkdownText.Code(repository)).Append(' ').Append(Link(p)).Append(' ')
                .Append(MarkdownText.Plain(p.Title)).Append(" — ").Append(verb).Append(" after ").Append(DigestPhrases.Duration(p.AgeAt(asOf)));
            if (p.WouldFix.Total > 0)
            {
                b.Append(", fixed ").Append(DigestPhrases.Counts(p.WouldFix));
            }

            b.Append('\n');
        }
    }

    private static void Security(StringBuilder b, WeeklyDigest digest)
    {
        var s = digest.Security;
        b.Append("\n## Security\n\n| | Critical | High | Medium | Low | Unknown | Total |\n|---|---:|---:|---:|---:|---:|---:|\n");
        Severity(b, "Fixed by refreshes merged this week", s.FixedByMerged);
        Severity(b, "Still exposed in current images", s.StillExposed);
        Severity(b, "New exposure from refreshes merged this week", s.NewExposure);
        b.Append('\n');
        if (s.FixedIds.Count > 0)
        {
            b.Append("Fixed this week: ").Append(string.Join(", ", s.FixedIds.Select(MarkdownText.Code))).Append("\n\n");
        }

        b.Append("_Critical and high still exposed: ").Append(Number(s.StillExposed.CriticalOrHigh))
            .Append(". Exposure counted over ").Append(Number(s.EvaluatedRepositories)).Append(" of ")
            .Append(Number(digest.Fleet.RepositoriesTracked)).Append(" repositories with a build-and-scan evaluation._\n");
    }

    private static void Severity(StringBuilder b, string label, SeverityCounts c) =>
        Row(b, label, Number(c.Critical), Number(c.High), Number(c.Medium), Number(c.Low), Number(c.Unknown), Number(c.Total));

    private static void Trend(StringBuilder b, IReadOnlyList<WeekTrendPoint> trend)
    {
        b.Append("\n## Trend\n\n");
        if (trend.Count < 2)
        {
            b.Append("_First week: no earlier weeks to compare with._\n");
        }
        else
        {
            var (now, before) = (trend[^1], trend[^2]);
            b.Append("Against ").Append(before.Week).Append(": median lag ").Append(DigestPhrases.Change(now.MedianLag, before.MedianLag))
                .Append(", open refresh PRs ").Append(DigestPhrases.Change(now.OpenPullRequests, before.OpenPullRequests))
                .Append(", critical + high exposed ").Append(DigestPhrases.Change(now.ExposedCriticalHigh, before.ExposedCriticalHigh))
                .Append(".\n");
        }

        if (trend.Count == 0)
        {
            return;
        }

        b.Append("\n| Week | Median lag | Open refresh PRs | Critical + high exposed |\n|---|---:|---:|---:|\n");
        foreach (var point in trend)
        {
            Row(b, point.Week.ToString(), DigestPhrases.Lag(point.MedianLag), Number(point.OpenPullRequests), Number(point.ExposedCriticalHigh));
        }
    }

    /// <summary>"[#12](https://…)" for an http(s) URL (characters that would end the link percent-encoded), else "#12".</summary>
    private static string Link(ProposalDigest p)
    {
        var label = "#" + Number(p.Number);
        if (!Uri.TryCreate(p.Url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return label;
        }

        var safe = new StringBuilder();
        foreach (var c in uri.AbsoluteUri)
        {
            safe.Append(c is '(' or ')' or '<' or '>' or '|' or '`' or '[' or ']' or ' ' or '"' or '\\'
                ? "%" + ((int)c).ToString("X2", CultureInfo.InvariantCulture)
                : c.ToString());
        }

        return $"[{label}]({safe})";
    }

    private static void Row(StringBuilder b, params string[] cells) => b.Append("| ").Append(string.Join(" | ", cells)).Append(" |\n");

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}

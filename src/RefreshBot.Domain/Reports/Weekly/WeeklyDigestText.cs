using System.Globalization;
using System.Text;
using RefreshBot.Domain.Proposals;
using RefreshBot.Domain.Vulnerabilities.Severity;

namespace RefreshBot.Domain.Reports.Weekly;

/// <summary>
/// The weekly digest as plain text (the e-mail's text part): the Markdown's sections as indented lines, no markup.
/// Control characters in names and reasons become spaces, so every item stays on its line. Deterministic.
/// </summary>
public static class WeeklyDigestText
{
    public static string Render(WeeklyDigest digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        var b = new StringBuilder();
        b.Append("RefreshBot weekly digest — ").Append(digest.Week).Append('\n');
        b.Append(DigestPhrases.Period(digest.Week)).Append(" (UTC), figures as of ").Append(DigestPhrases.Instant(digest.AsOf)).Append('\n');
        Fleet(b, digest.Fleet);
        Repositories(b, digest);
        Security(b, digest);
        Trend(b, digest.Trend);
        return b.ToString();
    }

    private static void Fleet(StringBuilder b, FleetSummary f)
    {
        b.Append("\nFLEET\n");
        Line(b, 2, $"Repositories tracked: {N(f.RepositoriesTracked)}");
        Line(b, 2, $"Fully fresh: {DigestPhrases.FullyFresh(f)}");
        Line(b, 2, $"Median lag: {DigestPhrases.Lag(f.MedianLag)}");
        Line(b, 2, $"Worst lag: {DigestPhrases.Lag(f.WorstLag)}{(f.WorstLag is not null && f.WorstLagRepository is { } r ? $" ({T(r)})" : "")}");
        Line(b, 2, $"Refresh PRs open: {N(f.OpenPullRequests)}");
        Line(b, 2, $"This week: {N(f.OpenedThisWeek)} opened, {N(f.MergedThisWeek)} merged, {N(f.ClosedUnmergedThisWeek)} closed unmerged");
        Line(b, 2, $"Base images in use: {N(f.BaseImages.Count)}");
        foreach (var image in f.BaseImages)
        {
            var tags = image.Tags.Count == 0 ? "" : $" [{string.Join(", ", image.Tags.Select(T))}]";
            Line(b, 4, $"{T(image.Image)}: {N(image.Repositories)} {(image.Repositories == 1 ? "repository" : "repositories")}{tags}");
        }
    }

    private static void Repositories(StringBuilder b, WeeklyDigest digest)
    {
        b.Append("\nREPOSITORIES\n");
        if (digest.Repositories.Count == 0)
        {
            Line(b, 2, "No repositories are tracked.");
            return;
        }

        foreach (var r in digest.Repositories)
        {
            Line(b, 2, $"{T(r.Repository)}: {DigestPhrases.Status(r.Status)}, lag {DigestPhrases.Lag(r.Lag)}");
            foreach (var p in r.Open)
            {
                var fixes = p.WouldFix.Total > 0 ? $", fixes {DigestPhrases.Counts(p.WouldFix)}" : "";
                Line(b, 4, $"open #{N(p.Number)}, {DigestPhrases.Duration(p.AgeAt(digest.AsOf))} old, {DigestPhrases.BuildMark(p.Build)} {DigestPhrases.BuildWords(p.Build)}{fixes}: {T(p.Url)}");
            }

            foreach (var p in r.Merged)
            {
                Line(b, 4, $"merged #{N(p.Number)} {T(p.Title)} after {DigestPhrases.Duration(p.AgeAt(digest.AsOf))}: {T(p.Url)}");
            }

            foreach (var p in r.ClosedUnmerged)
            {
                Line(b, 4, $"closed unmerged #{N(p.Number)} {T(p.Title)} after {DigestPhrases.Duration(p.AgeAt(digest.AsOf))}: {T(p.Url)}");
            }

            if (r.LastError is { } error)
            {
                Line(b, 4, $"error: {T(error)}");
            }

            foreach (var reason in r.SkipReasons)
            {
                Line(b, 4, $"skipped: {T(reason)}");
            }
        }
    }

    private static void Security(StringBuilder b, WeeklyDigest digest)
    {
        var s = digest.Security;
        b.Append("\nSECURITY\n");
        Line(b, 2, $"Fixed by refreshes merged this week: {Counts(s.FixedByMerged)}");
        if (s.FixedIds.Count > 0)
        {
            Line(b, 4, string.Join(", ", s.FixedIds.Select(T)));
        }

        Line(b, 2, $"Still exposed in current images: {Counts(s.StillExposed)}; critical + high: {N(s.StillExposed.CriticalOrHigh)}");
        Line(b, 2, $"New exposure from refreshes merged this week: {Counts(s.NewExposure)}");
        Line(b, 2, $"Counted over {N(s.EvaluatedRepositories)} of {N(digest.Fleet.RepositoriesTracked)} repositories with an evaluation");
    }

    private static string Counts(SeverityCounts c) =>
        c.Total == 0 ? "none" : $"{N(c.Total)} ({DigestPhrases.Counts(c)})";

    private static void Trend(StringBuilder b, IReadOnlyList<WeekTrendPoint> trend)
    {
        b.Append("\nTREND\n");
        if (trend.Count < 2)
        {
            Line(b, 2, "First week: no earlier weeks to compare with.");
        }
        else
        {
            var (now, before) = (trend[^1], trend[^2]);
            Line(b, 2, $"Against {before.Week}: median lag {DigestPhrases.Change(now.MedianLag, before.MedianLag)}, open refresh PRs {DigestPhrases.Change(now.OpenPullRequests, before.OpenPullRequests)}, critical + high exposed {DigestPhrases.Change(now.ExposedCriticalHigh, before.ExposedCriticalHigh)}");
        }

        foreach (var p in trend)
        {
            Line(b, 4, $"{p.Week}: median lag {DigestPhrases.Lag(p.MedianLag)}, {N(p.OpenPullRequests)} open refresh PRs, {N(p.ExposedCriticalHigh)} critical + high exposed");
        }
    }

    private static void Line(StringBuilder b, int indent, string text) => b.Append(' ', indent).Append(text).Append('\n');

    /// <summary>Untrusted text on one line.</summary>
    private static string T(string text) => MarkdownText.OneLine(text);

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);
}

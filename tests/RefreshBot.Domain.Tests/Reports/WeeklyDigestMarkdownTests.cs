using System.Text.RegularExpressions;
using RefreshBot.Domain.Reports.Weekly;
using RefreshBot.Testing.Reports;

namespace RefreshBot.Domain.Tests.Reports;

public sealed partial class WeeklyDigestMarkdownTests
{
    [Fact]
    public void The_busy_fleet_shows_its_exact_figures()
    {
        var md = WeeklyDigestMarkdown.Render(WeeklyDigestSamples.Busy);
        Assert.StartsWith("# RefreshBot weekly digest — 2026-W48\n\n_23–29 Nov 2026 (UTC) · figures as of 2026-11-30 00:00 UTC_\n", md);
        Assert.Contains("| Repositories tracked | 4 |\n", md);
        Assert.Contains("| Fully fresh | 1 of 4 (25%) |\n", md);
        Assert.Contains("| Median lag | 2 d 9 h |\n", md);
        Assert.Contains("| Worst lag | 4 d 6 h (`acme/api`) |\n", md);
        Assert.Contains("| Refresh PRs open | 2 |\n| Opened this week | 1 |\n| Merged this week | 1 |\n| Closed unmerged this week | 1 |\n| Base images in use | 4 |\n", md);
        Assert.Contains("| `docker.io/library/node` | 2 | `20-alpine`, `22` |\n", md);
        Assert.Contains("| `acme/api` | stale | 4 d 6 h | [#12](https://github.com/acme/api/pull/12) · 3 d · ✓ · fixes 1 critical, 2 high, 1 low | 0 | 0 |\n", md);
        Assert.Contains("| `acme/web` | stale | 12 h | [#7](https://github.com/acme/web/pull/7) · 10 d · ✗ | 0 | 0 |\n", md);
        Assert.Contains("| `acme/worker` | fresh | — | — | 1 | 1 |\n", md);
        Assert.Contains("- `acme/docs` failed: registry docker.io: 503 Service Unavailable\n", md);
        Assert.Contains("- `acme/web` skipped: docker.io/library/nginx:1.27: soak period (2 days) not over\n", md);
        Assert.Contains("- `acme/worker` [#5](https://github.com/acme/worker/pull/5) Refresh base images (python) — merged after 2 d, fixed 1 high, 2 medium\n", md);
        Assert.Contains("- `acme/worker` [#4](https://github.com/acme/worker/pull/4) Refresh base images (alpine) — closed after 4 d\n", md);
        Assert.Contains("| Fixed by refreshes merged this week | 0 | 1 | 2 | 0 | 0 | 3 |\n", md);
        Assert.Contains("| Still exposed in current images | 2 | 5 | 9 | 14 | 1 | 31 |\n", md);
        Assert.Contains("| New exposure from refreshes merged this week | 0 | 0 | 0 | 0 | 0 | 0 |\n", md);
        Assert.Contains("Fixed this week: `CVE-2026-1001`, `CVE-2026-2002`, `CVE-2026-2003`\n", md);
        Assert.Contains("_Critical and high still exposed: 7. Exposure counted over 3 of 4 repositories", md);
        Assert.Contains("Against 2026-W47: median lag +17 h, open refresh PRs ±0, critical + high exposed −1.\n", md);
        Assert.Contains("| 2026-W45 | 1 d 6 h | 1 | 9 |\n| 2026-W46 | 3 d 8 h | 3 | 11 |\n| 2026-W47 | 1 d 16 h | 2 | 8 |\n| 2026-W48 | 2 d 9 h | 2 | 7 |\n", md);
        Assert.True(md.IndexOf("`acme/api`", StringComparison.Ordinal) < md.IndexOf("`acme/web`", StringComparison.Ordinal), "worst lag first, as the model orders");
    }

    [Fact]
    public void An_empty_fleet_says_so_with_zeros()
    {
        var md = WeeklyDigestMarkdown.Render(WeeklyDigestSamples.EmptyFleet);
        Assert.Contains("| Repositories tracked | 0 |\n| Fully fresh | 0 of 0 (0%) |\n| Median lag | — |\n| Worst lag | — |\n", md);
        Assert.Contains("No base images found.\n", md);
        Assert.Contains("No repositories are tracked.\n", md);
        Assert.Contains("_First week: no earlier weeks to compare with._\n", md);
        Assert.DoesNotContain("### Errors and skips", md);
        Assert.DoesNotContain("### Merged this week", md);
    }

    [Fact]
    public void The_first_week_has_one_trend_row_and_no_comparison()
    {
        var md = WeeklyDigestMarkdown.Render(WeeklyDigestSamples.FirstWeek);
        Assert.Contains("_First week: no earlier weeks to compare with._\n", md);
        Assert.DoesNotContain("Against ", md);
        Assert.Single(Regex.Matches(md, @"^\| 2026-W\d\d \|", RegexOptions.Multiline));
        Assert.Contains("| 2026-W48 | 1 d 2 h | 1 | 0 |\n", md);
        Assert.Contains("[#1](https://github.com/acme/api/pull/1) · 1 d · –", md);
    }

    [Fact]
    public void A_fleet_with_errors_only_lists_every_error()
    {
        var md = WeeklyDigestMarkdown.Render(WeeklyDigestSamples.ErrorsOnly);
        Assert.Contains("| Fully fresh | 0 of 3 (0%) |\n", md);
        Assert.Contains("- `acme/api` failed: clone failed: authentication required\n", md);
        Assert.Contains("- `acme/web` failed: registry ghcr.io: 401 Unauthorized\n", md);
        Assert.Contains("- `acme/new` has not run yet\n", md);
        Assert.Contains("| `acme/new` | not run | — | — | 0 | 0 |\n", md);
        Assert.Contains("Against 2026-W47: median lag —, open refresh PRs ±0, critical + high exposed ±0.\n", md);
    }

    [Fact]
    public void Hostile_names_and_reasons_cannot_break_tables_links_or_inject_html()
    {
        var md = WeeklyDigestMarkdown.Render(HostileDigest.Digest);
        foreach (var table in Tables(md))
        {
            var columns = Cells(table[0]);
            Assert.All(table, row => Assert.Equal(columns, Cells(row)));
        }

        var outsideCode = CodeSpan().Replace(md, "").Replace("<br>", "", StringComparison.Ordinal);
        Assert.DoesNotMatch(@"(?<!\\)<", outsideCode);
        Assert.DoesNotMatch(@"(?<!\\)\]\(javascript:", md);
        Assert.DoesNotContain("(javascript:alert(5))", md);
        Assert.Contains("<br>#4 · 1 d 6 h · ✗", md);
        Assert.Contains("[#3](https://github.com/acme/a%28b%29/pull/3?x=%3Cy%3E%7Cz)", md);
        Assert.Contains("``evil\\|org/`rm -rf`<script>alert(1)</script>``", md);
        Assert.DoesNotContain("\n| injected", md);
        Assert.DoesNotContain("\r", md);
    }

    /// <summary>Consecutive lines starting with a pipe.</summary>
    private static IEnumerable<List<string>> Tables(string md)
    {
        var table = new List<string>();
        foreach (var line in md.Split('\n'))
        {
            if (line.StartsWith('|'))
            {
                table.Add(line);
            }
            else if (table.Count > 0)
            {
                yield return table;
                table = [];
            }
        }

        if (table.Count > 0)
        {
            yield return table;
        }
    }

    /// <summary>Cells as GFM counts them: pipes not escaped with a backslash (code spans included: GFM splits there too).</summary>
    private static int Cells(string row) => Regex.Matches(row, @"(?<!\\)\|").Count;

    [GeneratedRegex(@"(`+).+?(?<!`)\1(?!`)")]
    private static partial Regex CodeSpan();
}

using RefreshBot.Domain.Reports.Weekly;
using RefreshBot.Testing.Reports;

namespace RefreshBot.Domain.Tests.Reports;

public sealed class WeeklyDigestTextTests
{
    [Fact]
    public void The_busy_fleet_shows_its_exact_figures()
    {
        var text = WeeklyDigestText.Render(WeeklyDigestSamples.Busy);
        Assert.Contains("  Repositories tracked: 4\n  Fully fresh: 1 of 4 (25%)\n  Median lag: 2 d 9 h\n  Worst lag: 4 d 6 h (acme/api)\n  Refresh PRs open: 2\n", text);
        Assert.Contains("  This week: 1 opened, 1 merged, 1 closed unmerged\n  Base images in use: 4\n", text);
        Assert.Contains("    docker.io/library/node: 2 repositories [20-alpine, 22]\n", text);
        Assert.Contains("  acme/api: stale, lag 4 d 6 h\n    open #12, 3 d old, ✓ built, fixes 1 critical, 2 high, 1 low: https://github.com/acme/api/pull/12\n", text);
        Assert.Contains("    open #7, 10 d old, ✗ build failed: https://github.com/acme/web/pull/7\n", text);
        Assert.Contains("  acme/docs: failing, lag —\n    error: registry docker.io: 503 Service Unavailable\n", text);
        Assert.Contains("    merged #5 Refresh base images (python) after 2 d: https://github.com/acme/worker/pull/5\n", text);
        Assert.Contains("  Still exposed in current images: 31 (2 critical, 5 high, 9 medium, 14 low, 1 unknown); critical + high: 7\n", text);
        Assert.Contains("  Fixed by refreshes merged this week: 3 (1 high, 2 medium)\n    CVE-2026-1001, CVE-2026-2002, CVE-2026-2003\n", text);
        Assert.Contains("  Against 2026-W47: median lag +17 h, open refresh PRs ±0, critical + high exposed −1\n", text);
        Assert.Contains("    2026-W46: median lag 3 d 8 h, 3 open refresh PRs, 11 critical + high exposed\n", text);
        Assert.DoesNotContain("|", text);
        Assert.DoesNotContain("**", text);
    }

    [Fact]
    public void Empty_first_and_failing_fleets_render_without_figures_they_lack()
    {
        var empty = WeeklyDigestText.Render(WeeklyDigestSamples.EmptyFleet);
        Assert.Contains("  Repositories tracked: 0\n  Fully fresh: 0 of 0 (0%)\n  Median lag: —\n  Worst lag: —\n", empty);
        Assert.Contains("  No repositories are tracked.\n", empty);
        Assert.Contains("  First week: no earlier weeks to compare with.\n", empty);

        var first = WeeklyDigestText.Render(WeeklyDigestSamples.FirstWeek);
        Assert.Contains("  Median lag: 1 d 2 h\n", first);
        Assert.Contains("  First week: no earlier weeks to compare with.\n    2026-W48: median lag 1 d 2 h, 1 open refresh PRs", first);

        var errors = WeeklyDigestText.Render(WeeklyDigestSamples.ErrorsOnly);
        Assert.Contains("  acme/api: failing, lag —\n    error: clone failed: authentication required\n", errors);
        Assert.Contains("  acme/new: not run, lag —\n", errors);
    }

    [Fact]
    public void Hostile_text_stays_on_its_line()
    {
        var text = WeeklyDigestText.Render(HostileDigest.Digest);
        Assert.Contains("    error: line one | injected | row |  <img src=x onerror=alert(2)> **bold** [link](javascript:alert(3))\n", text);
        Assert.DoesNotContain("\n| injected", text);
        Assert.DoesNotContain("\r", text);
    }

    /// <summary>The same figures in all three formats: every repository's lag and every open PR's age, humanised
    /// in Markdown and text, exact in JSON.</summary>
    [Theory]
    [MemberData(nameof(WeeklyDigestJsonTests.Samples), MemberType = typeof(WeeklyDigestJsonTests))]
    public void Formats_agree_on_every_repository(string sample)
    {
        var digest = WeeklyDigestJsonTests.Sample(sample);
        var md = WeeklyDigestMarkdown.Render(digest);
        var text = WeeklyDigestText.Render(digest);
        var json = System.Text.Json.JsonDocument.Parse(WeeklyDigestJson.Render(digest)).RootElement.GetProperty("repositories");
        for (var i = 0; i < digest.Repositories.Count; i++)
        {
            var r = digest.Repositories[i];
            Assert.Contains($": {DigestPhrases.Status(r.Status)}, lag {DigestPhrases.Lag(r.Lag)}\n", text);
            Assert.Contains($" | {DigestPhrases.Status(r.Status)} | {DigestPhrases.Lag(r.Lag)} | ", md);
            var seconds = json[i].GetProperty("lagSeconds");
            Assert.Equal(r.Lag?.TotalSeconds, seconds.ValueKind == System.Text.Json.JsonValueKind.Null ? null : seconds.GetDouble());
            foreach (var p in r.Open)
            {
                var age = DigestPhrases.Duration(p.AgeAt(digest.AsOf));
                Assert.Contains($"open #{p.Number}, {age} old", text);
                Assert.Contains($"#{p.Number}{(p.Url.StartsWith("https://", StringComparison.Ordinal) ? "](" : " ·")}", md);
            }
        }
    }
}

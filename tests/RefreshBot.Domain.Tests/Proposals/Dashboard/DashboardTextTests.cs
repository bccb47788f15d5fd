using RefreshBot.Domain.Proposals.Dashboard;

namespace RefreshBot.Domain.Tests.Proposals.Dashboard;

public sealed class DashboardTextTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 9, 30, 0, TimeSpan.FromHours(1));

    [Fact]
    public void Only_the_last_updated_line_differs_between_runs_with_the_same_content()
    {
        var content = new DashboardContent([new DashboardPending("Dockerfile", 2, "node:20", "ignored by policy")], [], [], []);

        var first = DashboardText.Body(content, Now);
        var later = DashboardText.Body(content, Now.AddHours(5));

        Assert.NotEqual(first, later);
        Assert.Contains("<sub>Last updated 2026-11-20 08:30 UTC by RefreshBot.</sub>", first);
        Assert.True(DashboardText.SameContent(first.Replace("\n", "\r\n", StringComparison.Ordinal), later));
        Assert.False(DashboardText.SameContent(first, DashboardText.Body(content with { Pending = [] }, Now)));
        Assert.True(DashboardText.IsDashboard(first));
        Assert.False(DashboardText.IsRetired(first));
        Assert.True(DashboardText.IsRetired(DashboardText.RetiredBody(Now)));
    }

    [Fact]
    public void Soaking_shows_its_absolute_end_and_rows_are_sorted_whatever_the_input_order()
    {
        var a = new DashboardPending("b/Dockerfile", 1, "x:1", "soaking: first seen 3h ago", Now.AddHours(21));
        var b = new DashboardPending("a/Dockerfile", 9, "y:1", "outside the PR window");

        var body = DashboardText.Body(new DashboardContent([a, b], [], [], []), Now);

        Assert.Contains("| `b/Dockerfile:1` | `x:1` | soaking until 2026-11-21 05:30 UTC |", body);
        Assert.True(body.IndexOf("a/Dockerfile:9", StringComparison.Ordinal) < body.IndexOf("b/Dockerfile:1", StringComparison.Ordinal));
        Assert.Equal(body, DashboardText.Body(new DashboardContent([b, a], [], [], []), Now));
    }

    [Fact]
    public void Untrusted_titles_urls_and_reasons_stay_on_their_line_and_inert()
    {
        var open = new DashboardOpen(7, "Fix | <b>x</b>\n## injected", "https://github.example/o/r/pull/7) [evil](https://evil", "refreshbot/a`b");
        var failure = new DashboardFailure("Dockerfile\n| x |", "bad *reference* <img src=x>");

        var body = DashboardText.Body(new DashboardContent([], [open], [], [failure]), Now);

        Assert.Contains(
            "- [\\#7](https://github.example/o/r/pull/7%29%20%5Bevil%5D%28https://evil) Fix \\| \\<b\\>x\\</b\\> \\#\\# injected (``refreshbot/a`b``)\n", body);
        Assert.Contains("- `Dockerfile \\| x \\|`: bad \\*reference\\* \\<img src=x\\>\n", body);
        Assert.DoesNotContain("\n## injected", body);
    }

    [Fact]
    public void Long_sections_are_cut_and_counted()
    {
        var pending = Enumerable.Range(1, DashboardText.MaxRows + 5).Select(i => new DashboardPending("Dockerfile", i, "node:20", "ignored by policy")).ToList();

        var body = DashboardText.Body(new DashboardContent(pending, [], [], []), Now);

        Assert.Equal(DashboardText.MaxRows, body.Split('\n').Count(l => l.StartsWith("| `Dockerfile:", StringComparison.Ordinal)));
        Assert.Contains("… and 5 more.", body);
    }

    [Fact]
    public void A_failed_run_says_pending_is_not_known_and_a_local_address_is_shown_as_code()
    {
        var body = DashboardText.Body(
            new DashboardContent([], [new DashboardOpen(1, "t", "/srv/proposals/app/refreshbot__x.md", "refreshbot/x")], [], [new DashboardFailure(null, "the run failed: registry error")], PendingKnown: false),
            Now);

        Assert.Contains("Not known: this run failed before it could tell", body);
        Assert.Contains("- \\#1 `/srv/proposals/app/refreshbot__x.md` t", body);
        Assert.Contains("- the run failed: registry error\n", body);
    }
}

using RefreshBot.Application.Refresh.Ports;
using RefreshBot.Application.Reporting.Publishing;
using RefreshBot.Domain.Reports.Weekly;
using RefreshBot.Integration.Tests.GitHub;
using RefreshBot.Testing.Reports;

namespace RefreshBot.Integration.Tests.Reports.Delivery;

/// <summary>The digest as a GitHub issue per ISO week, against the fake GitHub (responses checked against GitHub's OpenAPI).</summary>
public sealed class DigestIssueTests : DigestIssueFixture
{
    private static readonly IsoWeek W47 = new(2026, 47);
    private static readonly IsoWeek W48 = new(2026, 48);

    [Fact]
    public async Task The_week_gets_one_labelled_issue_with_the_markdown_and_the_marker()
    {
        using var issues = Issues();
        var digest = DigestOf(W48);

        var url = await Channel(issues).PublishAsync(digest, CancellationToken.None);

        var issue = Assert.Single(DigestIssues());
        Assert.Equal("RefreshBot weekly digest 2026-W48", issue.Title);
        Assert.Equal(WeeklyDigestMarkdown.Render(digest).TrimEnd() + "\n\n<!-- refreshbot:digest 2026-W48 -->\n", issue.Body);
        Assert.Equal(["refreshbot", "digest"], issue.Labels);
        Assert.True(issue.IsOpen);
        Assert.Equal($"{GitHub.BaseUri}acme/fleet/issues/{issue.Number}", url);
        Assert.Equal("refreshbot", issue.User);
    }

    [Fact]
    public async Task A_rerun_updates_the_same_issue_in_place_and_an_unchanged_one_is_left_alone()
    {
        using var issues = Issues();
        await Channel(issues).PublishAsync(WeeklyDigestSamples.FirstWeek, CancellationToken.None);
        var first = Assert.Single(DigestIssues());

        await Channel(issues).PublishAsync(WeeklyDigestSamples.Busy, CancellationToken.None);
        var patches = Count("PATCH /repos/{owner}/{repo}/issues/{issue_number}");
        await Channel(issues).PublishAsync(WeeklyDigestSamples.Busy, CancellationToken.None);

        var issue = Assert.Single(DigestIssues());
        Assert.Equal(first.Number, issue.Number);
        Assert.Equal(IssueDigestChannel.Body(WeeklyDigestSamples.Busy), issue.Body);
        Assert.Contains("acme/api", issue.Body, StringComparison.Ordinal);
        Assert.Equal(1, Count("POST /repos/{owner}/{repo}/issues"));
        Assert.Equal(1, patches);
        Assert.Equal(patches, Count("PATCH /repos/{owner}/{repo}/issues/{issue_number}"));
    }

    [Fact]
    public async Task The_issue_is_found_by_label_and_marker_not_by_title()
    {
        // A person's issue with the very title (no labels, no marker), and a digest issue whose title a person edited.
        var lookalike = GitHub.OpenIssue(Repo, "RefreshBot weekly digest 2026-W48", "my notes");
        var edited = GitHub.OpenIssue(Repo, "Digest (edited by dana)", "old\n<!-- refreshbot:digest 2026-W48 -->\n", ["refreshbot", "digest", "keep-me"]);
        using var issues = Issues();

        await Channel(issues).PublishAsync(DigestOf(W48), CancellationToken.None);

        var all = DigestIssues();
        Assert.Equal(2, all.Count);
        var person = all.Single(i => i.Number == lookalike.Number);
        Assert.Equal("my notes", person.Body);
        Assert.Empty(person.Comments);
        var digest = all.Single(i => i.Number == edited.Number);
        Assert.Equal("RefreshBot weekly digest 2026-W48", digest.Title);
        Assert.Equal(IssueDigestChannel.Body(DigestOf(W48)), digest.Body);
        Assert.Equal(["refreshbot", "digest", "keep-me"], digest.Labels);
        Assert.Equal(0, Count("POST /repos/{owner}/{repo}/issues"));
    }

    [Fact]
    public async Task Publishing_a_week_closes_the_previous_weeks_issues_with_a_link_to_the_new_one()
    {
        using var issues = Issues(pageSize: 2);   // several pages of issues to read
        var older = GitHub.OpenIssue(Repo, "RefreshBot weekly digest 2026-W45", "x\n<!-- refreshbot:digest 2026-W45 -->", Labels);
        var closedEarlier = GitHub.OpenIssue(Repo, "RefreshBot weekly digest 2026-W46", "x\n<!-- refreshbot:digest 2026-W46 -->", Labels);
        GitHub.CloseIssue(closedEarlier);
        var unrelated = GitHub.OpenIssue(Repo, "Upgrade node", "please", ["refreshbot"]);
        await Channel(issues).PublishAsync(DigestOf(W47), CancellationToken.None);

        var url = await Channel(issues).PublishAsync(DigestOf(W48), CancellationToken.None);

        var all = DigestIssues().ToDictionary(i => i.Title);
        var w47 = all["RefreshBot weekly digest 2026-W47"];
        var w48 = all["RefreshBot weekly digest 2026-W48"];
        Assert.True(w48.IsOpen);
        Assert.False(w47.IsOpen);
        Assert.Equal("completed", w47.StateReason);
        Assert.Contains(url, Assert.Single(w47.Comments).Body, StringComparison.Ordinal);
        Assert.Contains($"#{w48.Number}", w47.Comments[0].Body, StringComparison.Ordinal);
        Assert.False(all["RefreshBot weekly digest 2026-W45"].IsOpen);    // closed when W47 was published
        Assert.Single(all["RefreshBot weekly digest 2026-W45"].Comments);
        Assert.Empty(all["RefreshBot weekly digest 2026-W46"].Comments);   // was closed already: left alone
        Assert.True(all["Upgrade node"].IsOpen);
        Assert.Empty(all["Upgrade node"].Comments);
        Assert.Equal(older.Number, all["RefreshBot weekly digest 2026-W45"].Number);
        Assert.Equal(unrelated.Number, all["Upgrade node"].Number);
    }

    [Fact]
    public async Task A_5xx_names_the_request_and_the_retry_leaves_exactly_one_issue()
    {
        using var issues = Issues();
        GitHub.Faults.ServerError(method: "POST", pathContains: "/repos/acme/fleet/issues");

        var failure = await Assert.ThrowsAsync<CodeHostException>(() => Channel(issues).PublishAsync(DigestOf(W48), CancellationToken.None));

        Assert.Equal("POST /repos/acme/fleet/issues", failure.Request);
        Assert.Contains("POST /repos/acme/fleet/issues: 500", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, failure.ToString(), StringComparison.Ordinal);
        Assert.Empty(DigestIssues());

        await Channel(issues).PublishAsync(DigestOf(W48), CancellationToken.None);
        await Channel(issues).PublishAsync(DigestOf(W48), CancellationToken.None);
        Assert.Single(DigestIssues());
        Assert.DoesNotContain(Token, Logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_lost_answer_to_the_create_is_adopted_not_duplicated()
    {
        var lost = new LostResponseHandler(HttpMethod.Post, "/repos/acme/fleet/issues");
        using var issues = Issues(handler: lost);

        var url = await Channel(issues).PublishAsync(DigestOf(W48), CancellationToken.None);

        Assert.Equal(1, lost.Lost);
        var issue = Assert.Single(DigestIssues());
        Assert.EndsWith($"/issues/{issue.Number}", url, StringComparison.Ordinal);
        Assert.Contains("had opened issue", Logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_404_names_the_request()
    {
        using var issues = Issues();
        GitHub.Faults.NotFound(method: "GET", pathContains: "/repos/acme/fleet/issues");

        var failure = await Assert.ThrowsAsync<CodeHostException>(() => Channel(issues).PublishAsync(DigestOf(W48), CancellationToken.None));

        Assert.Equal(CodeHostErrorKind.NotFound, failure.Kind);
        Assert.Equal("GET /repos/acme/fleet/issues", failure.Request);
        Assert.StartsWith("GET /repos/acme/fleet/issues: 404 ", failure.Message, StringComparison.Ordinal);
        Assert.Empty(DigestIssues());
    }

    [Fact]
    public async Task A_5xx_while_closing_the_previous_week_is_repaired_by_the_rerun()
    {
        using var issues = Issues();
        await Channel(issues).PublishAsync(DigestOf(W47), CancellationToken.None);
        GitHub.Faults.ServerError(status: 502, method: "POST", pathContains: "/comments");

        var failure = await Assert.ThrowsAsync<CodeHostException>(() => Channel(issues).PublishAsync(DigestOf(W48), CancellationToken.None));
        Assert.StartsWith("POST /repos/acme/fleet/issues/1/comments: 502", failure.Message, StringComparison.Ordinal);

        await Channel(issues).PublishAsync(DigestOf(W48), CancellationToken.None);

        var all = DigestIssues();
        Assert.Equal(2, all.Count);
        Assert.False(all.Single(i => i.Title.EndsWith("W47", StringComparison.Ordinal)).IsOpen);
        Assert.True(all.Single(i => i.Title.EndsWith("W48", StringComparison.Ordinal)).IsOpen);
    }
}

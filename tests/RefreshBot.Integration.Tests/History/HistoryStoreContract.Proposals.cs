using RefreshBot.Application.Refresh.History;
using RefreshBot.Application.Refresh.Ports;
using static RefreshBot.Integration.Tests.History.EvaluationSamples;

namespace RefreshBot.Integration.Tests.History;

/// <summary>Schema version 5: refresh pull requests through their lifecycle, and the queries the weekly digest asks "as of" an instant.</summary>
public abstract partial class HistoryStoreContract
{
    private static readonly RecordedUpdate NodeUpdate = new(
        "Dockerfile", "docker.io/library/node", "22", "sha256:" + new string('a', 64), "sha256:" + new string('b', 64), "linux/amd64", Monday.AddDays(-2));

    [Fact]
    public async Task A_pull_request_keeps_its_opening_time_and_updates_while_its_state_and_closing_change()
    {
        await using var history = await OpenAsync();
        var opened = new RecordedProposal("refreshbot/node", 3, "u3", PullRequestState.Open) { Title = "Refresh node", Updates = [NodeUpdate] };
        await history.RecordProposalAsync("acme/app", opened, Monday, default);
        await history.RecordProposalAsync("acme/app", opened with { Title = "Refresh node (2)", Opened = Monday.AddDays(1) }, Monday.AddDays(1), default);
        var merged = opened with { State = PullRequestState.Merged, Closed = Monday.AddDays(2).AddSeconds(7), Updates = [] };
        await history.RecordProposalAsync("acme/app", merged, Monday.AddDays(3), default);
        await history.RecordProposalAsync("acme/app", new RecordedProposal("refreshbot/node", 9, "u9", PullRequestState.Open), Monday.AddDays(3), default);

        var expected = opened with { State = PullRequestState.Merged, Opened = Monday, Closed = Monday.AddDays(2).AddSeconds(7) };
        Assert.Equal(
            [new RecordedProposal("refreshbot/node", 9, "u9", PullRequestState.Open) { Opened = Monday.AddDays(3) }, expected],
            await history.ProposalsAsync("acme/app", "refreshbot/node", default));
        Assert.Equal([9], (await history.OpenProposalsAsync("acme/app", default)).Select(p => p.Number));
        Assert.Empty(await history.ProposalsAsync("acme/app", "refreshbot/other", default));
    }

    [Fact]
    public async Task Pull_requests_touching_a_period_are_the_ones_open_at_some_point_of_it()
    {
        await using var history = await OpenAsync();
        async Task RecordAsync(string repository, int number, DateTimeOffset opened, DateTimeOffset? closed) =>
            await history.RecordProposalAsync(
                repository,
                new RecordedProposal("refreshbot/" + number, number, "u", closed is null ? PullRequestState.Open : PullRequestState.ClosedUnmerged) { Opened = opened, Closed = closed },
                opened,
                default);
        await RecordAsync("acme/b", 1, Monday.AddDays(-10), Monday.AddDays(-1));  // closed before
        await RecordAsync("acme/b", 2, Monday.AddDays(-10), Monday);               // closed at the start
        await RecordAsync("acme/a", 3, Monday.AddDays(1), null);                  // opened within, still open
        await RecordAsync("acme/a", 4, Monday.AddDays(7), null);                  // opened at the end
        await RecordAsync("acme/a", 5, Monday.AddDays(8), null);                  // opened after

        var touching = await history.ProposalsTouchingAsync(Monday, Monday.AddDays(7), default);

        Assert.Equal([("acme/a", 3), ("acme/a", 4), ("acme/b", 2)], touching.Select(p => (p.Repository, p.Proposal.Number)));
    }

    [Fact]
    public async Task Latest_runs_and_evaluations_are_the_ones_recorded_by_an_instant()
    {
        await using var history = await OpenAsync();
        Assert.Null(await history.FirstRunStartedAsync(default));
        async Task<long> RunAsync(string repository, DateTimeOffset started, RunOutcome outcome, string? reason = null)
        {
            var id = await history.RunStartedAsync(repository, started, default);
            await history.RunFinishedAsync(id, started.AddMinutes(5), outcome, reason, default);
            return id;
        }

        var first = await RunAsync("acme/app", Monday, RunOutcome.Succeeded);
        var failed = await RunAsync("acme/app", Monday.AddDays(1), RunOutcome.Failed, "clone failed");
        var web = await RunAsync("acme/web", Monday.AddDays(2), RunOutcome.Succeeded);
        await history.RunStartedAsync("acme/late", Monday.AddDays(-1), default);   // never finished
        await history.RecordEvaluationAsync(Sample("acme/app", Monday, 7), default);
        await history.RecordEvaluationAsync(Sample("acme/app", Monday.AddDays(1), 7), default);
        await history.RecordEvaluationAsync(Sample("acme/app", Monday.AddHours(1), 8), default);

        Assert.Equal(Monday.AddDays(-1), await history.FirstRunStartedAsync(default));
        Assert.Equal([first], (await history.LatestRunsAsync(Monday.AddMinutes(5), default)).Select(r => r.Id));
        Assert.Empty(await history.LatestRunsAsync(Monday.AddMinutes(4), default));
        var later = await history.LatestRunsAsync(Monday.AddDays(3), default);
        Assert.Equal([(failed, "clone failed"), (web, null)], later.Select(r => (r.Id, r.Reason)));

        var early = await history.LatestEvaluationsAsync(Monday.AddHours(2), default);
        Assert.Equal([(7, Monday), (8, Monday.AddHours(1))], early.Select(e => (e.PullRequest!.Value, e.Evaluated)));
        var all = await history.LatestEvaluationsAsync(Monday.AddDays(2), default);
        Assert.Equal([(8, Monday.AddHours(1)), (7, Monday.AddDays(1))], all.Select(e => (e.PullRequest!.Value, e.Evaluated)));
        AssertSame(Sample("acme/app", Monday.AddDays(1), 7), all[1]);
    }
}

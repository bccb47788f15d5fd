using RefreshBot.Adapters.History;
using RefreshBot.Application.Refresh.History;
using RefreshBot.Application.Refresh.Ports;

namespace RefreshBot.Integration.Tests.History;

/// <summary>
/// What every <see cref="IHistoryStore"/> does, run against the SQLite file (<see cref="SqliteHistoryStoreTests"/>) and a
/// real PostgreSQL server (<see cref="PostgresHistoryStoreTests"/>): first-seen times, tag drift, runs, proposals,
/// evaluations, image uses, and the dry-run view.
/// </summary>
public abstract partial class HistoryStoreContract
{
    protected static readonly DateTimeOffset Monday = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
    protected static readonly DigestSighting Node = new("docker.io/library/node", "22", "linux/amd64", "sha256:" + new string('a', 64));

    /// <summary>Opens the test's database (again: the same data).</summary>
    protected abstract Task<IHistoryStore> OpenAsync();

    [Fact]
    public async Task First_seen_time_is_kept_from_the_first_sighting_and_survives_reopening()
    {
        await using (var history = await OpenAsync())
        {
            Assert.Null(await history.FindFirstSeenAsync(Node, default));
            Assert.Equal(Monday, await history.DigestSeenAsync(Node, Monday, default));
            Assert.Equal(Monday, await history.DigestSeenAsync(Node, Monday.AddDays(1), default));
        }

        await using var reopened = await OpenAsync();
        Assert.Equal(Monday, await reopened.FindFirstSeenAsync(Node, default));
        Assert.Null(await reopened.FindFirstSeenAsync(Node with { Platform = "linux/arm64" }, default));
    }

    [Fact]
    public async Task First_seen_keeps_the_earliest_time_even_when_it_is_recorded_late()
    {
        await using var history = await OpenAsync();
        await history.DigestSeenAsync(Node, Monday, default);

        Assert.Equal(Monday.AddHours(-3), await history.DigestSeenAsync(Node, Monday.AddHours(-3), default));
        Assert.Equal(Monday.AddHours(-3), await history.FindFirstSeenAsync(Node, default));
        Assert.Equal(Monday.AddHours(-3), (await history.TagSeenAsync(Node, Monday.AddHours(1), default)).FirstSeen);
    }

    [Fact]
    public async Task A_tag_that_moves_records_one_drift_with_the_previous_digest_and_its_times()
    {
        await using var history = await OpenAsync();
        var moved = Node with { Digest = "sha256:" + new string('b', 64) };

        Assert.False((await history.TagSeenAsync(Node, Monday, default)).Drifted);
        Assert.False((await history.TagSeenAsync(Node, Monday.AddHours(1), default)).Drifted);
        Assert.Equal(new LastDigest(Node.Digest, Monday, Monday.AddHours(1)), await history.LastDigestAsync(Node.Image, Node.Tag, Node.Platform, default));
        var seen = await history.TagSeenAsync(moved, Monday.AddHours(2), default);
        var again = await history.TagSeenAsync(moved, Monday.AddHours(3), default);

        Assert.Equal(new TagSighting(Monday.AddHours(2), new LastDigest(Node.Digest, Monday, Monday.AddHours(1))), seen);
        Assert.False(again.Drifted);
        Assert.Equal(Monday.AddHours(2), again.FirstSeen);
        Assert.Equal(
            [new RecordedDrift(Node.Image, Node.Tag, Node.Platform, Node.Digest, moved.Digest, Monday.AddHours(2))],
            await history.DriftsAsync(DateTimeOffset.MinValue, default));
        Assert.Empty(await history.DriftsAsync(Monday.AddHours(2).AddSeconds(1), default));
        Assert.Null(await history.LastDigestAsync(Node.Image, "20", Node.Platform, default));

        // Back to the first digest: a move again, and that digest's first-seen time is kept.
        var back = await history.TagSeenAsync(Node, Monday.AddHours(4), default);
        Assert.Equal((moved.Digest, Monday), (back.Previous?.Digest, back.FirstSeen));
        Assert.Equal(2, (await history.DriftsAsync(Monday, default)).Count);
    }

    [Fact]
    public async Task Run_outcomes_are_recorded_per_repository_newest_first()
    {
        await using var history = await OpenAsync();
        var first = await history.RunStartedAsync("acme/app", Monday, default);
        await history.RunFinishedAsync(first, Monday.AddMinutes(1), RunOutcome.Succeeded, null, default);
        var second = await history.RunStartedAsync("acme/app", Monday.AddHours(1), default);
        await history.RunFinishedAsync(second, Monday.AddHours(1).AddMinutes(1), RunOutcome.Failed, "GitHub rate limit until 10:00", default);
        var other = await history.RunStartedAsync("acme/other", Monday, default);

        var runs = await history.RunsAsync("acme/app", 10, default);

        Assert.Equal([second, first], runs.Select(r => r.Id));
        Assert.Equal(RunOutcome.Failed, runs[0].Outcome);
        Assert.Equal("GitHub rate limit until 10:00", runs[0].Reason);
        Assert.Equal((Monday, Monday.AddMinutes(1)), (runs[1].Started, runs[1].Finished));
        Assert.Equal([second], (await history.RunsAsync("acme/app", 1, default)).Select(r => r.Id));
        Assert.Equal(new RecordedRun(other, "acme/other", Monday, null, null, null), Assert.Single(await history.RunsAsync("acme/other", 10, default)));
    }

    [Fact]
    public async Task Proposals_are_replaced_per_branch_and_only_open_ones_are_listed()
    {
        await using var history = await OpenAsync();
        await history.RecordProposalAsync("acme/app", new RecordedProposal("refreshbot/repository", 1, "u1", PullRequestState.Open), Monday, default);
        await history.RecordProposalAsync("acme/app", new RecordedProposal("refreshbot/node", 2, "u2", PullRequestState.Open), Monday, default);
        await history.RecordProposalAsync("acme/app", new RecordedProposal("refreshbot/repository", 1, "u1", PullRequestState.Merged), Monday, default);
        await history.RecordProposalAsync("acme/app", new RecordedProposal("refreshbot/node", 5, "u5", PullRequestState.Open), Monday.AddHours(1), default);

        Assert.Equal(
            [new RecordedProposal("refreshbot/node", 5, "u5", PullRequestState.Open) { Opened = Monday.AddHours(1) }],
            await history.OpenProposalsAsync("acme/app", default));
        Assert.Empty(await history.OpenProposalsAsync("acme/other", default));
    }

    [Fact]
    public async Task Pull_requests_closed_by_the_bot_are_remembered_once_per_repository()
    {
        await using var history = await OpenAsync();
        await history.RecordClosedByBotAsync("acme/app", 3, Monday, default);
        await history.RecordClosedByBotAsync("acme/app", 3, Monday.AddHours(1), default);
        await history.RecordClosedByBotAsync("acme/app", 8, Monday, default);
        await history.RecordClosedByBotAsync("acme/other", 4, Monday, default);

        Assert.Equal(new HashSet<int> { 3, 8 }, await history.ClosedByBotAsync("acme/app", default));
    }

    [Fact]
    public async Task Dry_run_history_reads_but_never_writes()
    {
        await using var history = await OpenAsync();
        await history.DigestSeenAsync(Node, Monday, default);
        await history.TagSeenAsync(Node, Monday, default);
        var dry = new ReadOnlyHistory(history);
        var fresh = Node with { Digest = "sha256:" + new string('b', 64) };

        Assert.Equal(Monday, await dry.DigestSeenAsync(Node, Monday.AddDays(3), default));
        Assert.Equal(Monday.AddDays(3), await dry.DigestSeenAsync(fresh, Monday.AddDays(3), default));
        Assert.Equal(Node.Digest, (await dry.TagSeenAsync(fresh, Monday.AddDays(3), default)).Previous?.Digest);
        await dry.RecordProposalAsync("acme/app", new RecordedProposal("refreshbot/x", 1, "u", PullRequestState.Open), Monday, default);
        await dry.RunFinishedAsync(await dry.RunStartedAsync("acme/app", Monday, default), Monday, RunOutcome.Succeeded, null, default);

        Assert.Null(await history.FindFirstSeenAsync(fresh, default));
        Assert.Equal(Node.Digest, (await history.LastDigestAsync(Node.Image, Node.Tag, Node.Platform, default))?.Digest);
        Assert.Empty(await history.DriftsAsync(DateTimeOffset.MinValue, default));
        Assert.Empty(await history.OpenProposalsAsync("acme/app", default));
        Assert.Empty(await history.RunsAsync("acme/app", 10, default));
    }

    [Fact]
    public async Task A_reachable_store_answers_a_ping()
    {
        await using var history = await OpenAsync();

        await history.PingAsync(default);
    }
}

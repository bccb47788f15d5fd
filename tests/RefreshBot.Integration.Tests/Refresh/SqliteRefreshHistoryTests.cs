using Microsoft.Data.Sqlite;
using RefreshBot.Adapters.History;
using RefreshBot.Application.Refresh.History;

namespace RefreshBot.Integration.Tests.Refresh;

public sealed class SqliteRefreshHistoryTests : IDisposable
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly DigestSighting Node = new("docker.io/library/node", "22", "linux/amd64", "sha256:" + new string('a', 64));

    private readonly string _folder = Directory.CreateTempSubdirectory("refreshbot-history-").FullName;

    [Fact]
    public async Task First_seen_time_is_kept_from_the_first_sighting_and_survives_reopening()
    {
        await using (var history = await SqliteRefreshHistory.OpenAsync(_folder, default))
        {
            Assert.Null(await history.FindFirstSeenAsync(Node, default));
            Assert.Equal(Monday, await history.DigestSeenAsync(Node, Monday, default));
            Assert.Equal(Monday, await history.DigestSeenAsync(Node, Monday.AddDays(1), default));
        }

        await using var reopened = await SqliteRefreshHistory.OpenAsync(_folder, default);
        Assert.Equal(Monday, await reopened.FindFirstSeenAsync(Node, default));
        Assert.Null(await reopened.FindFirstSeenAsync(Node with { Platform = "linux/arm64" }, default));
        Assert.True(File.Exists(Path.Combine(_folder, SqliteRefreshHistory.FileName)));
    }

    [Fact]
    public async Task Run_outcomes_are_recorded_per_repository_newest_first()
    {
        await using var history = await SqliteRefreshHistory.OpenAsync(_folder, default);
        var first = await history.RunStartedAsync("acme/app", Monday, default);
        await history.RunFinishedAsync(first, Monday.AddMinutes(1), RunOutcome.Succeeded, null, default);
        var second = await history.RunStartedAsync("acme/app", Monday.AddHours(1), default);
        await history.RunFinishedAsync(second, Monday.AddHours(1).AddMinutes(1), RunOutcome.Failed, "GitHub rate limit until 10:00", default);
        await history.RunStartedAsync("acme/other", Monday, default);

        var runs = await history.RunsAsync("acme/app", 10, default);

        Assert.Equal([second, first], runs.Select(r => r.Id));
        Assert.Equal(RunOutcome.Failed, runs[0].Outcome);
        Assert.Equal("GitHub rate limit until 10:00", runs[0].Reason);
        Assert.Equal(Monday.AddMinutes(1), runs[1].Finished);
    }

    [Fact]
    public async Task Proposals_are_replaced_per_branch_and_only_open_ones_are_listed()
    {
        await using var history = await SqliteRefreshHistory.OpenAsync(_folder, default);
        await history.RecordProposalAsync("acme/app", new RecordedProposal("refreshbot/repository", 1, "u1", true), Monday, default);
        await history.RecordProposalAsync("acme/app", new RecordedProposal("refreshbot/node", 2, "u2", true), Monday, default);
        await history.RecordProposalAsync("acme/app", new RecordedProposal("refreshbot/repository", 1, "u1", false), Monday, default);

        var open = await history.OpenProposalsAsync("acme/app", default);

        Assert.Equal([new RecordedProposal("refreshbot/node", 2, "u2", true)], open);
    }

    [Fact]
    public async Task Schema_version_is_recorded_and_a_newer_one_is_refused()
    {
        await using (var history = await SqliteRefreshHistory.OpenAsync(_folder, default))
        {
        }

        var file = Path.Combine(_folder, SqliteRefreshHistory.FileName);
        await using (var connection = new SqliteConnection($"Data Source={file};Pooling=False"))
        {
            await connection.OpenAsync();
            Assert.Equal(HistoryMigrations.Latest, await HistoryMigrations.CurrentVersionAsync(connection, default));
            using var future = connection.CreateCommand();
            future.CommandText = "INSERT INTO schema_migrations (version, applied) VALUES (999, 'later')";
            await future.ExecuteNonQueryAsync();
        }

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => SqliteRefreshHistory.OpenAsync(_folder, default));
        Assert.Contains("999", refused.Message);
    }

    [Fact]
    public async Task Dry_run_history_reads_but_never_writes()
    {
        await using var history = await SqliteRefreshHistory.OpenAsync(_folder, default);
        await history.DigestSeenAsync(Node, Monday, default);
        var dry = new ReadOnlyHistory(history);

        Assert.Equal(Monday, await dry.DigestSeenAsync(Node, Monday.AddDays(3), default));
        var fresh = Node with { Digest = "sha256:" + new string('b', 64) };
        Assert.Equal(Monday.AddDays(3), await dry.DigestSeenAsync(fresh, Monday.AddDays(3), default));
        await dry.RecordProposalAsync("acme/app", new RecordedProposal("refreshbot/x", 1, "u", true), Monday, default);
        await dry.RunFinishedAsync(await dry.RunStartedAsync("acme/app", Monday, default), Monday, RunOutcome.Succeeded, null, default);

        Assert.Null(await history.FindFirstSeenAsync(fresh, default));
        Assert.Empty(await history.OpenProposalsAsync("acme/app", default));
        Assert.Empty(await history.RunsAsync("acme/app", 10, default));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}

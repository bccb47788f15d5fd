using RefreshBot.Adapters.History;
using RefreshBot.Application.Refresh.History;
using RefreshBot.Application.Refresh.Reporting;
using RefreshBot.Integration.Tests.EndToEnd;

namespace RefreshBot.Integration.Tests.Faults;

/// <summary>
/// The three checks every injected fault must pass, over a <see cref="RefreshWorld"/> whose fleet is team/app (the
/// faulted repository, unless a test says otherwise) plus healthy neighbours:
/// <list type="number">
/// <item>the failure is recorded with a clear reason — in the cycle report AND the history (run Failed, reason);</item>
/// <item>the other repositories proceed — succeeded, their pull request opened;</item>
/// <item>once the fault is gone the next cycle converges — every repository succeeds, exactly one pull request per
/// repository on the one bot branch, no other branch, no run left running in the history (no stuck lock), and a
/// further cycle changes nothing (no write to GitHub).</item>
/// </list>
/// </summary>
public sealed class FaultConvergence(RefreshWorld world, params string[] repositories)
{
    /// <summary>Where each recorded reason is written (the test's output), so the README row can quote it.</summary>
    public Action<string>? Output { get; init; }

    public const string Branch = "refreshbot/base-images";

    /// <summary>The fleet of every cycle: team/app first.</summary>
    public IReadOnlyList<string> Repositories { get; } = repositories.Length == 0 ? ["team/app"] : repositories;

    /// <summary>How a cycle runs over the fleet; null: <see cref="RefreshWorld.RunAsync"/> (the real composition of <c>run --once</c>).</summary>
    public Func<IReadOnlyList<string>, Task<CycleReport>>? Cycle { get; init; }

    /// <summary>One cycle over the fleet.</summary>
    public Task<CycleReport> RunAsync() => Cycle is { } cycle ? cycle(Repositories) : world.RunAsync(false, [.. Repositories]);

    /// <summary>
    /// For a fault the bot absorbs (a retry, a wait, adopting what exists): every repository succeeded in
    /// <paramref name="report"/> with its one pull request, nothing failed in the history, and the fleet converges.
    /// </summary>
    public async Task AssertSurvivedAsync(CycleReport report)
    {
        foreach (var repository in Repositories)
        {
            var entry = report.Repositories.Single(r => r.Repository == repository);
            Assert.True(entry.Status == RepositoryStatus.Succeeded, $"{repository}: {entry.Status} {entry.Reason}");
            Assert.Single(PullRequests(repository));
        }

        await AssertConvergesAsync();
        await using var history = await SqliteRefreshHistory.OpenAsync(world.DataDir, default);
        foreach (var repository in Repositories)
        {
            Assert.DoesNotContain(await history.RunsAsync(repository, 100, default), r => r.Outcome == RunOutcome.Failed);
        }
    }

    /// <summary>(1) <paramref name="repository"/> failed in the report and in the history, the reason naming every part.</summary>
    public async Task<string> AssertRecordedAsync(CycleReport report, string repository, params string[] reasonParts)
    {
        var entry = report.Repositories.Single(r => r.Repository == repository);
        Assert.True(entry.Status == RepositoryStatus.Failed, $"{repository}: {entry.Status} {entry.Reason}");
        var reason = entry.Reason ?? "";
        Output?.Invoke($"{repository} recorded: {reason}");
        Assert.DoesNotContain(RefreshWorld.Token, reason, StringComparison.Ordinal);
        Assert.All(reasonParts, part => Assert.True(reason.Contains(part, StringComparison.OrdinalIgnoreCase), $"reason lacks '{part}': {reason}"));

        await using var history = await SqliteRefreshHistory.OpenAsync(world.DataDir, default);
        var latest = (await history.RunsAsync(repository, 1, default)).Single();
        Assert.Equal(RunOutcome.Failed, latest.Outcome);
        Assert.All(reasonParts, part => Assert.True((latest.Reason ?? "").Contains(part, StringComparison.OrdinalIgnoreCase), $"history reason lacks '{part}': {latest.Reason}"));
        return reason;
    }

    /// <summary>(2) Every repository but the faulted ones succeeded and has its one pull request.</summary>
    public void AssertOthersProceeded(CycleReport report, params string[] faulted)
    {
        var others = Repositories.Except(faulted.Length == 0 ? ["team/app"] : faulted).ToList();
        Assert.NotEmpty(others);
        foreach (var other in others)
        {
            var entry = report.Repositories.Single(r => r.Repository == other);
            Assert.True(entry.Status == RepositoryStatus.Succeeded, $"{other}: {entry.Status} {entry.Reason}");
            Assert.Single(PullRequests(other));
        }
    }

    /// <summary>
    /// (3) With the fault cleared by the caller: one cycle converges, a further one writes nothing. Returns the
    /// converging cycle's report.
    /// </summary>
    public async Task<CycleReport> AssertConvergesAsync()
    {
        var second = await RunAsync();
        Assert.All(second.Repositories, r => Assert.True(r.Status == RepositoryStatus.Succeeded, $"{r.Repository}: {r.Status} {r.Reason}"));

        var writesBefore = world.Writes;
        var third = await RunAsync();
        Assert.All(third.Repositories, r => Assert.True(r.Status == RepositoryStatus.Succeeded, $"{r.Repository}: {r.Status} {r.Reason}"));
        Assert.All(third.Repositories, r => Assert.All(r.Groups, g => Assert.Equal("unchanged", g.Action)));
        Assert.Equal(writesBefore, world.Writes);

        await using var history = await SqliteRefreshHistory.OpenAsync(world.DataDir, default);
        foreach (var repository in Repositories)
        {
            var pull = Assert.Single(PullRequests(repository));
            Assert.Equal(Branch, pull.HeadRef);
            var parts = repository.Split('/');
            var branches = await world.GitHub.Repository(parts[0], parts[1]).Git.BranchesAsync();
            Assert.Equal([Branch], branches.Where(b => b != "main").Order(StringComparer.Ordinal));
            var runs = await history.RunsAsync(repository, 100, default);
            Assert.DoesNotContain(runs, r => r.Outcome is null || r.Finished is null);
            Assert.Equal(RunOutcome.Succeeded, runs[0].Outcome);
        }

        return second;
    }

    private IReadOnlyList<Testing.GitHub.FakePullRequest> PullRequests(string repository)
    {
        var parts = repository.Split('/');
        return world.GitHub.PullRequests(parts[0], parts[1]);
    }
}

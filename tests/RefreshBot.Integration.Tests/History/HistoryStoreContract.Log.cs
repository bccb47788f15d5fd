using RefreshBot.Application.Refresh.History;
using RefreshBot.Application.Refresh.Ports;

namespace RefreshBot.Integration.Tests.History;

/// <summary>The history as the dashboard browses it (<see cref="IHistoryLog"/>): the run log, a repository's pull requests, known Dockerfiles.</summary>
public abstract partial class HistoryStoreContract
{
    [Fact]
    public async Task The_run_log_lists_the_newest_runs_of_every_repository_and_filters_by_outcome()
    {
        await using var history = await OpenAsync();
        var first = await history.RunStartedAsync("acme/app", Monday, default);
        await history.RunFinishedAsync(first, Monday.AddMinutes(2), RunOutcome.Succeeded, null, default);
        var second = await history.RunStartedAsync("acme/web", Monday.AddHours(1), default);
        await history.RunFinishedAsync(second, Monday.AddHours(1).AddMinutes(1), RunOutcome.Failed, "registry ghcr.io: 503", default);
        var third = await history.RunStartedAsync("acme/app", Monday.AddHours(2), default);

        var all = await history.RecentRunsAsync(null, 10, default);
        var failed = await history.RecentRunsAsync(RunOutcome.Failed, 10, default);

        Assert.Equal([third, second, first], all.Select(r => r.Id));
        Assert.Equal(new RecordedRun(third, "acme/app", Monday.AddHours(2), null, null, null), all[0]);
        Assert.Equal(new RecordedRun(second, "acme/web", Monday.AddHours(1), Monday.AddHours(1).AddMinutes(1), RunOutcome.Failed, "registry ghcr.io: 503"), Assert.Single(failed));
        Assert.Equal([third, second], (await history.RecentRunsAsync(null, 2, default)).Select(r => r.Id));
        Assert.Empty(await history.RecentRunsAsync(RunOutcome.Interrupted, 10, default));
    }

    [Fact]
    public async Task A_repositorys_pull_requests_of_every_branch_and_state_come_newest_first_and_dockerfiles_are_known()
    {
        await using var history = await OpenAsync();
        var update = new RecordedUpdate("svc/Dockerfile", "docker.io/library/node", "22", null, "sha256:" + new string('c', 64), "linux/amd64", Monday);
        await history.RecordProposalAsync("acme/app", new RecordedProposal("refreshbot/node", 4, "u4", PullRequestState.Merged) { Closed = Monday.AddDays(1) }, Monday, default);
        await history.RecordProposalAsync("acme/app", new RecordedProposal("refreshbot/base-images", 9, "u9", PullRequestState.Open) { Title = "Refresh", Updates = [update] }, Monday.AddDays(2), default);
        await history.RecordProposalAsync("acme/other", new RecordedProposal("refreshbot/node", 5, "u5", PullRequestState.Open), Monday, default);
        await history.RecordEvaluationAsync(EvaluationSamples.Sample("acme/web", Monday), default);

        var proposals = await history.RepositoryProposalsAsync("acme/app", default);

        Assert.Equal([9, 4], proposals.Select(p => p.Number));
        Assert.Equal([update], proposals[0].Updates);
        Assert.Equal(PullRequestState.Merged, proposals[1].State);
        Assert.Empty(await history.RepositoryProposalsAsync("acme/none", default));
        Assert.Equal(
            [
                new KnownDockerfile("acme/app", "svc/Dockerfile"),
                new KnownDockerfile("acme/web", "Dockerfile"),
                new KnownDockerfile("acme/web", "broken/Dockerfile"),
                new KnownDockerfile("acme/web", "worker/Dockerfile"),
            ],
            await history.KnownDockerfilesAsync(default));
    }

    [Fact]
    public async Task The_dockerfiles_a_run_found_are_known_and_replaced_by_the_next_run()
    {
        await using var history = await OpenAsync();
        await history.RecordDockerfilesAsync("acme/app", ["Dockerfile", "tools/Dockerfile.ci", "Dockerfile"], Monday, default);
        await history.RecordDockerfilesAsync("acme/lib", ["Containerfile"], Monday, default);

        Assert.Equal(
            [new KnownDockerfile("acme/app", "Dockerfile"), new KnownDockerfile("acme/app", "tools/Dockerfile.ci"), new KnownDockerfile("acme/lib", "Containerfile")],
            await history.KnownDockerfilesAsync(default));

        await history.RecordDockerfilesAsync("acme/app", ["services/api/Dockerfile"], Monday.AddDays(1), default);

        Assert.Equal(
            [new KnownDockerfile("acme/app", "services/api/Dockerfile"), new KnownDockerfile("acme/lib", "Containerfile")],
            await history.KnownDockerfilesAsync(default));
    }
}

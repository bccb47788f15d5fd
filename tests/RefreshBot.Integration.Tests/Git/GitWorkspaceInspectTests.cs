using RefreshBot.Application.Refresh.Ports;
using RefreshBot.Testing.Git;

namespace RefreshBot.Integration.Tests.Git;

public sealed class GitWorkspaceInspectTests
{
    private const string Branch = "refreshbot/repository";

    private static readonly Dictionary<string, string> Initial = new() { ["Dockerfile"] = "FROM node:20\n" };

    [Fact]
    public async Task Inspect_reports_a_missing_branch_then_the_bot_branch_then_a_persons_commit_on_it()
    {
        await using var a = await WorkspaceArrangement.StartAsync(Initial);
        var checkout = await a.Workspace.SyncAsync(a.Repository, a.Remote, CancellationToken.None);
        Assert.Equal(BotBranchState.Missing, await a.Workspace.InspectBranchAsync(a.Repository, Branch, WorkspaceArrangement.Bot, CancellationToken.None));

        var published = await a.Workspace.PublishAsync(a.Repository, a.Remote, a.Update(checkout.HeadSha, new Dictionary<string, string> { ["Dockerfile"] = "FROM node:22\n" }, null), CancellationToken.None);
        var own = await a.Workspace.InspectBranchAsync(a.Repository, Branch, WorkspaceArrangement.Bot, CancellationToken.None);
        Assert.Equal((true, published.CommitSha, checkout.HeadSha), (own.Exists, own.HeadSha, own.BaseSha));
        Assert.Empty(own.ForeignCommits);

        var human = await a.Upstream.CommitAsync(Branch, new Dictionary<string, string> { ["fix.txt"] = "mine\n" }, "my fix", CommitIdentity.Human);
        await a.Upstream.CommitAsync("main", new Dictionary<string, string> { ["other.txt"] = "x\n" }, "unrelated on main");
        await a.Workspace.SyncAsync(a.Repository, a.Remote, CancellationToken.None);
        var taken = await a.Workspace.InspectBranchAsync(a.Repository, Branch, WorkspaceArrangement.Bot, CancellationToken.None);

        Assert.Equal((human, checkout.HeadSha), (taken.HeadSha, taken.BaseSha));
        Assert.Equal([human], taken.ForeignCommits);
    }

    [Fact]
    public async Task A_branch_deleted_on_the_remote_is_pruned_by_the_next_sync()
    {
        await using var a = await WorkspaceArrangement.StartAsync(Initial);
        var checkout = await a.Workspace.SyncAsync(a.Repository, a.Remote, CancellationToken.None);
        await a.Workspace.PublishAsync(a.Repository, a.Remote, a.Update(checkout.HeadSha, new Dictionary<string, string> { ["Dockerfile"] = "FROM node:22\n" }, null), CancellationToken.None);
        await a.Upstream.DeleteBranchAsync(Branch);

        await a.Workspace.SyncAsync(a.Repository, a.Remote, CancellationToken.None);

        Assert.Equal(BotBranchState.Missing, await a.Workspace.InspectBranchAsync(a.Repository, Branch, WorkspaceArrangement.Bot, CancellationToken.None));
    }
}

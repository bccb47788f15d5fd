using RefreshBot.Application.Fleet;
using RefreshBot.Application.Refresh.Ports;

namespace RefreshBot.Integration.Tests.Git;

public sealed class GitWorkspaceSyncTests
{
    private static readonly Dictionary<string, string> Initial = new()
    {
        ["Dockerfile"] = "FROM node:20-alpine\n",
        ["old/Dockerfile"] = "FROM golang:1.23\n",
    };

    [Fact]
    public async Task First_sync_clones_later_syncs_fetch_and_the_folder_holds_exactly_the_new_head()
    {
        await using var a = await WorkspaceArrangement.StartAsync(Initial);

        var first = await a.Workspace.SyncAsync(a.Repository, a.Remote, CancellationToken.None);
        Assert.Equal("main", first.Branch);
        Assert.Equal(await a.Upstream.HeadAsync("main"), first.HeadSha);
        Assert.Equal("FROM golang:1.23\n", File.ReadAllText(Path.Combine(first.Directory, "old/Dockerfile")));
        var gitFolder = Path.Combine(a.Workspace.CacheFolder(a.Repository), "git");
        var keepsake = Path.Combine(gitFolder, "keepsake");
        File.WriteAllText(keepsake, "a re-clone would delete this");

        var moved = await UpstreamEdit.CommitAsync(a.Upstream, "main", "move", work =>
        {
            Directory.Delete(Path.Combine(work, "old"), recursive: true);
            Directory.CreateDirectory(Path.Combine(work, "new"));
            File.WriteAllText(Path.Combine(work, "new/Dockerfile"), "FROM alpine:3.20\n");
        });
        var second = await a.NewWorkspace().SyncAsync(a.Repository, a.Remote, CancellationToken.None);

        Assert.Equal(moved, second.HeadSha);
        Assert.True(File.Exists(keepsake), "the cached clone was re-created instead of fetched");
        Assert.False(File.Exists(Path.Combine(second.Directory, "old/Dockerfile")), "a file of the previous head lingers");
        Assert.False(Directory.Exists(Path.Combine(second.Directory, "old")));
        Assert.Equal("FROM alpine:3.20\n", File.ReadAllText(Path.Combine(second.Directory, "new/Dockerfile")));
        Assert.Single(a.Logs.Lines, l => l.Contains("Cloning", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_sync_of_an_unchanged_remote_only_lists_its_references_and_a_pushed_branch_is_fetched()
    {
        await using var a = await WorkspaceArrangement.StartAsync(Initial);
        var first = await a.Workspace.SyncAsync(a.Repository, a.Remote, CancellationToken.None);
        await UploadPackPostedAsync(a);

        a.Server.ResetRequests();
        var again = await a.NewWorkspace().SyncAsync(a.Repository, a.Remote, CancellationToken.None);
        await Task.Delay(TimeSpan.FromSeconds(1));    // the server records a request once its handler returned: let stragglers land

        Assert.Equal(first.HeadSha, again.HeadSha);
        Assert.DoesNotContain(a.Server.Requests, r => r.IsFetch && r.Method == "POST");    // no upload-pack negotiation
        Assert.Single(a.Server.Requests, r => r.IsFetch && r.Method == "GET" && r.Status == 200);    // the reference listing, no second connection to fetch
        Assert.Contains(a.Logs.Lines, l => l.Contains("fetch skipped", StringComparison.Ordinal));

        a.Server.ResetRequests();
        var moved = await UpstreamEdit.CommitAsync(a.Upstream, "main", "move", work => File.WriteAllText(Path.Combine(work, "Dockerfile"), "FROM node:22-alpine\n"));
        var fetched = await a.NewWorkspace().SyncAsync(a.Repository, a.Remote, CancellationToken.None);

        Assert.Equal(moved, fetched.HeadSha);
        Assert.Equal("FROM node:22-alpine\n", File.ReadAllText(Path.Combine(fetched.Directory, "Dockerfile")));
        await UploadPackPostedAsync(a);
    }

    /// <summary>Waits (generous deadline) for the upload-pack negotiation of a fetch to be recorded by the git server.</summary>
    private static async Task UploadPackPostedAsync(WorkspaceArrangement a)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!a.Server.Requests.Any(r => r.IsFetch && r.Method == "POST"))
        {
            Assert.True(DateTime.UtcNow < deadline, "no POST git-upload-pack: " + string.Join("\n", a.Server.Requests));
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task Without_a_configured_branch_the_remote_default_is_used_and_a_configured_one_wins()
    {
        await using var a = await WorkspaceArrangement.StartAsync(Initial, defaultBranch: "trunk");
        var release = await a.Upstream.CommitAsync("release", new Dictionary<string, string> { ["Dockerfile"] = "FROM node:18\n" }, "release", startFrom: "trunk");

        var byDefault = await a.Workspace.SyncAsync(a.Repository, a.Remote, CancellationToken.None);
        Assert.Equal("trunk", byDefault.Branch);

        var configured = await a.Workspace.SyncAsync(a.Repository with { Branch = "release" }, a.Remote, CancellationToken.None);
        Assert.Equal(("release", release), (configured.Branch, configured.HeadSha));
        Assert.Equal("FROM node:18\n", File.ReadAllText(Path.Combine(configured.Directory, "Dockerfile")));

        await a.Upstream.SetDefaultBranchAsync("release");
        var changedDefault = await a.Workspace.SyncAsync(a.Repository, a.Remote, CancellationToken.None);
        Assert.Equal("release", changedDefault.Branch);
    }

    [Fact]
    public async Task A_missing_branch_or_repository_is_NotFound()
    {
        await using var a = await WorkspaceArrangement.StartAsync(Initial);

        var branch = await Assert.ThrowsAsync<WorkspaceException>(() =>
            a.Workspace.SyncAsync(a.Repository with { Branch = "nope" }, a.Remote, CancellationToken.None));
        Assert.Equal(WorkspaceErrorKind.NotFound, branch.Kind);

        var missing = WorkspaceArrangement.Tracked("acme/missing", new RepositoryLocation.GitHub("acme", "missing"));
        var repository = await Assert.ThrowsAsync<WorkspaceException>(() =>
            a.Workspace.SyncAsync(missing, new GitRemote(a.Server.RepositoryUrl("acme", "missing").AbsoluteUri, WorkspaceArrangement.User, WorkspaceArrangement.Token), CancellationToken.None));
        Assert.Equal(WorkspaceErrorKind.NotFound, repository.Kind);
    }

    [Fact]
    public async Task A_local_path_that_is_not_a_repository_is_NotFound()
    {
        await using var a = await WorkspaceArrangement.StartAsync(Initial);
        var path = Path.Combine(a.DataDirectory, "no-such-repository");
        var local = WorkspaceArrangement.Tracked(path, new RepositoryLocation.Local(path));

        var error = await Assert.ThrowsAsync<WorkspaceException>(() => a.Workspace.SyncAsync(local, new GitRemote(path, null, null), CancellationToken.None));

        Assert.True(error.Kind == WorkspaceErrorKind.NotFound, error.Message);
    }
}

using System.Security.Cryptography;
using System.Text;
using RefreshBot.Application.Refresh.Ports;
using RefreshBot.Testing.Git;

namespace RefreshBot.Integration.Tests.Git;

public sealed class GitWorkspacePublishTests
{
    private const string Branch = "refreshbot/repository";

    private static readonly Dictionary<string, string> Initial = new()
    {
        ["Dockerfile"] = "FROM node:20-alpine\nRUN echo hi\n",
        ["api/Dockerfile"] = "FROM golang:1.23\n",
        ["README.md"] = "# app\n",
    };

    private static readonly Dictionary<string, string> Rewritten = new()
    {
        ["Dockerfile"] = "FROM node:20-alpine@sha256:" + new string('a', 64) + "\nRUN echo hi\n",
    };

    [Fact]
    public async Task Publish_pushes_exactly_one_bot_commit_on_the_base_changing_only_the_given_files()
    {
        await using var a = await WorkspaceArrangement.StartAsync(Initial);
        var checkout = await a.Workspace.SyncAsync(a.Repository, a.Remote, CancellationToken.None);

        var result = await a.Workspace.PublishAsync(a.Repository, a.Remote, a.Update(checkout.HeadSha, Rewritten, expected: null), CancellationToken.None);

        Assert.Equal(PublishOutcome.Pushed, result.Outcome);
        Assert.Equal(result.CommitSha, await a.Upstream.HeadAsync(Branch));
        var commits = await a.Upstream.CommitsAsync(checkout.HeadSha + ".." + Branch);
        var commit = Assert.Single(commits);
        Assert.Equal([checkout.HeadSha], commit.Parents);
        Assert.Equal((WorkspaceArrangement.Bot.Name, WorkspaceArrangement.Bot.Email, "Refresh base images"), (commit.AuthorName, commit.AuthorEmail, commit.Subject));
        var changed = await GitCli.RunAsync(a.Upstream.Path, ["diff", "--name-only", checkout.HeadSha, Branch], CancellationToken.None);
        Assert.Equal("Dockerfile", changed.Trim());
        Assert.Equal(Rewritten["Dockerfile"], await a.Upstream.ReadFileAsync(Branch, "Dockerfile"));
        var date = await GitCli.RunAsync(a.Upstream.Path, ["log", "-1", "--format=%aI|%cI", Branch], CancellationToken.None);
        Assert.Equal("2026-11-03T09:00:00Z|2026-11-03T09:00:00Z", date.Trim().Replace("+00:00", "Z", StringComparison.Ordinal));
        Assert.Equal(["main"], await a.Upstream.BranchesAsync() is var b ? b.Where(x => x != Branch).ToArray() : []);
    }

    [Fact]
    public async Task Publishing_the_same_content_again_is_Unchanged_and_pushes_nothing()
    {
        await using var a = await WorkspaceArrangement.StartAsync(Initial);
        var checkout = await a.Workspace.SyncAsync(a.Repository, a.Remote, CancellationToken.None);
        var first = await a.Workspace.PublishAsync(a.Repository, a.Remote, a.Update(checkout.HeadSha, Rewritten, null), CancellationToken.None);
        await a.Workspace.SyncAsync(a.Repository, a.Remote, CancellationToken.None);
        a.Server.ResetRequests();

        var again = await a.Workspace.PublishAsync(a.Repository, a.Remote, a.Update(checkout.HeadSha, Rewritten, first.CommitSha), CancellationToken.None);

        Assert.Equal(new PublishResult(PublishOutcome.Unchanged, first.CommitSha), again);
        Assert.Equal(first.CommitSha, await a.Upstream.HeadAsync(Branch));
        Assert.DoesNotContain(a.Server.Requests, r => r.IsPush);
    }

    [Fact]
    public async Task When_the_target_moved_the_branch_is_recreated_as_one_commit_on_the_new_base()
    {
        await using var a = await WorkspaceArrangement.StartAsync(Initial);
        var checkout = await a.Workspace.SyncAsync(a.Repository, a.Remote, CancellationToken.None);
        var first = await a.Workspace.PublishAsync(a.Repository, a.Remote, a.Update(checkout.HeadSha, Rewritten, null), CancellationToken.None);
        var moved = await a.Upstream.CommitAsync("main", new Dictionary<string, string> { ["README.md"] = "# app v2\n" }, "docs");

        var resync = await a.Workspace.SyncAsync(a.Repository, a.Remote, CancellationToken.None);
        var state = await a.Workspace.InspectBranchAsync(a.Repository, Branch, WorkspaceArrangement.Bot, CancellationToken.None);
        Assert.Equal((true, first.CommitSha, checkout.HeadSha), (state.Exists, state.HeadSha, state.BaseSha));
        var second = await a.Workspace.PublishAsync(a.Repository, a.Remote, a.Update(resync.HeadSha, Rewritten, state.HeadSha), CancellationToken.None);

        Assert.Equal(PublishOutcome.Pushed, second.Outcome);
        Assert.NotEqual(first.CommitSha, second.CommitSha);
        var commit = Assert.Single(await a.Upstream.CommitsAsync(moved + ".." + Branch));
        Assert.Equal([moved], commit.Parents);
        Assert.Equal("# app v2\n", await a.Upstream.ReadFileAsync(Branch, "README.md"));
    }

    [Fact]
    public async Task A_remote_head_other_than_the_expected_one_is_a_Conflict_and_nothing_is_pushed()
    {
        await using var a = await WorkspaceArrangement.StartAsync(Initial);
        var checkout = await a.Workspace.SyncAsync(a.Repository, a.Remote, CancellationToken.None);
        var first = await a.Workspace.PublishAsync(a.Repository, a.Remote, a.Update(checkout.HeadSha, Rewritten, null), CancellationToken.None);
        var human = await a.Upstream.CommitAsync(Branch, new Dictionary<string, string> { ["api/Dockerfile"] = "FROM golang:1.24\n" }, "bump go");
        var other = new Dictionary<string, string> { ["Dockerfile"] = "FROM node:22\n" };

        var stale = await Assert.ThrowsAsync<WorkspaceException>(() =>
            a.Workspace.PublishAsync(a.Repository, a.Remote, a.Update(checkout.HeadSha, other, first.CommitSha), CancellationToken.None));
        var mustNotExist = await Assert.ThrowsAsync<WorkspaceException>(() =>
            a.Workspace.PublishAsync(a.Repository, a.Remote, a.Update(checkout.HeadSha, other, null), CancellationToken.None));

        Assert.Equal((WorkspaceErrorKind.Conflict, WorkspaceErrorKind.Conflict), (stale.Kind, mustNotExist.Kind));
        Assert.Equal(human, await a.Upstream.HeadAsync(Branch));
    }

    [Fact]
    public async Task A_dry_run_returns_the_would_be_commit_and_pushes_or_creates_no_branch()
    {
        await using var a = await WorkspaceArrangement.StartAsync(Initial);
        var checkout = await a.Workspace.SyncAsync(a.Repository, a.Remote, CancellationToken.None);
        a.Server.ResetRequests();

        var dry = await a.Workspace.PublishAsync(a.Repository, a.Remote, a.Update(checkout.HeadSha, Rewritten, null, dryRun: true), CancellationToken.None);

        Assert.Equal(PublishOutcome.Pushed, dry.Outcome);
        Assert.Matches("^[0-9a-f]{40}$", dry.CommitSha);
        Assert.Null(await a.Upstream.HeadAsync(Branch));
        Assert.DoesNotContain(a.Server.Requests, r => r.IsPush);
        var cacheRefs = await GitCli.RunAsync(Path.Combine(a.Workspace.CacheFolder(a.Repository), "git"), ["for-each-ref", "--format=%(refname)"], CancellationToken.None);
        Assert.DoesNotContain(Branch, cacheRefs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_executable_file_keeps_its_mode_and_a_byte_order_mark_is_kept()
    {
        await using var a = await WorkspaceArrangement.StartAsync(Initial);
        var bom = Encoding.UTF8.GetBytes("\uFEFFFROM node:20\n");
        await UpstreamEdit.CommitAsync(a.Upstream, "main", "add files", work =>
        {
            Directory.CreateDirectory(Path.Combine(work, "bom"));
            File.WriteAllBytes(Path.Combine(work, "bom/Dockerfile"), bom);
            File.WriteAllText(Path.Combine(work, "build.sh"), "#!/bin/sh\ndocker build .\n");
            Assert.False(OperatingSystem.IsWindows(), "needs unix file modes");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(Path.Combine(work, "build.sh"), (UnixFileMode)Convert.ToInt32("755", 8));
            }
        });
        var checkout = await a.Workspace.SyncAsync(a.Repository, a.Remote, CancellationToken.None);
        var files = new Dictionary<string, string> { ["bom/Dockerfile"] = "FROM node:22\n", ["build.sh"] = "#!/bin/sh\ndocker build --pull .\n" };

        await a.Workspace.PublishAsync(a.Repository, a.Remote, a.Update(checkout.HeadSha, files, null), CancellationToken.None);

        var tree = await GitCli.RunAsync(a.Upstream.Path, ["ls-tree", "-r", Branch], CancellationToken.None);
        Assert.Contains("100755 blob " + BlobId("#!/bin/sh\ndocker build --pull .\n"u8.ToArray()) + "\tbuild.sh", tree, StringComparison.Ordinal);
        Assert.Contains("100644 blob " + BlobId(Encoding.UTF8.GetBytes("\uFEFFFROM node:22\n")) + "\tbom/Dockerfile", tree, StringComparison.Ordinal);
    }

    private static string BlobId(byte[] content) =>
        Convert.ToHexStringLower(SHA1.HashData([.. Encoding.ASCII.GetBytes($"blob {content.Length}\0"), .. content]));
}

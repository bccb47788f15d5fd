using System.Security.Cryptography;
using RefreshBot.Application.Fleet;
using RefreshBot.Application.Refresh.Ports;
using RefreshBot.Testing.Git;

namespace RefreshBot.Integration.Tests.Git;

/// <summary>Local mode: the "remote" is a person's own checkout, which must look untouched afterwards.</summary>
public sealed class GitWorkspaceLocalTests : IDisposable
{
    private const string Branch = "refreshbot/repository";
    private readonly string _root = Directory.CreateTempSubdirectory("refreshbot-local-").FullName;

    [Fact]
    public async Task Publishing_to_a_local_repository_adds_the_branch_and_leaves_HEAD_index_and_working_tree_alone()
    {
        var user = await UserCheckoutAsync();
        File.WriteAllText(Path.Combine(user, "Dockerfile"), "FROM node:20 # edited, not committed\n");
        File.WriteAllText(Path.Combine(user, "staged.txt"), "staged\n");
        await Git(user, "add", "staged.txt");
        File.WriteAllText(Path.Combine(user, "untracked.txt"), "untracked\n");
        var before = await SnapshotAsync(user);
        var repository = WorkspaceArrangement.Tracked(user, new RepositoryLocation.Local(user));
        var workspace = new Adapters.Git.GitWorkspace(Path.Combine(_root, "data"), TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<Adapters.Git.GitWorkspace>.Instance);
        var remote = new GitRemote(user, null, null);

        var checkout = await workspace.SyncAsync(repository, remote, CancellationToken.None);
        Assert.Equal("FROM node:20\n", File.ReadAllText(Path.Combine(checkout.Directory, "Dockerfile")));
        var update = new BranchUpdate(Branch, checkout.HeadSha, new Dictionary<string, string> { ["Dockerfile"] = "FROM node:22\n" }, "Refresh", WorkspaceArrangement.Bot, null);
        var result = await workspace.PublishAsync(repository, remote, update, CancellationToken.None);

        Assert.Equal(result.CommitSha, (await Git(user, "rev-parse", "refs/heads/" + Branch)).Trim());
        Assert.Equal("FROM node:22\n", await Git(user, "show", Branch + ":Dockerfile"));
        Assert.Equal(before, await SnapshotAsync(user));
        Assert.Equal(PublishOutcome.Unchanged, (await workspace.PublishAsync(repository, remote, update with { ExpectedRemoteSha = result.CommitSha }, CancellationToken.None)).Outcome);
    }

    [Fact]
    public async Task A_bot_branch_checked_out_by_the_person_is_not_overwritten()
    {
        var user = await UserCheckoutAsync();
        var repository = WorkspaceArrangement.Tracked(user, new RepositoryLocation.Local(user));
        var workspace = new Adapters.Git.GitWorkspace(Path.Combine(_root, "data"), TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<Adapters.Git.GitWorkspace>.Instance);
        var remote = new GitRemote(user, null, null);
        var checkout = await workspace.SyncAsync(repository, remote, CancellationToken.None);
        var update = new BranchUpdate(Branch, checkout.HeadSha, new Dictionary<string, string> { ["Dockerfile"] = "FROM node:22\n" }, "Refresh", WorkspaceArrangement.Bot, null);
        var first = await workspace.PublishAsync(repository, remote, update, CancellationToken.None);
        await Git(user, "checkout", "--quiet", Branch);
        await workspace.SyncAsync(repository, remote, CancellationToken.None);

        var error = await Assert.ThrowsAsync<WorkspaceException>(() => workspace.PublishAsync(
            repository, remote, update with { Files = new Dictionary<string, string> { ["Dockerfile"] = "FROM node:24\n" }, ExpectedRemoteSha = first.CommitSha }, CancellationToken.None));

        Assert.Equal(WorkspaceErrorKind.Conflict, error.Kind);
        Assert.Equal(first.CommitSha, (await Git(user, "rev-parse", "HEAD")).Trim());
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private async Task<string> UserCheckoutAsync()
    {
        var user = Path.Combine(_root, "checkout");
        Directory.CreateDirectory(user);
        await Git(user, "init", "--quiet", "--initial-branch=main");
        File.WriteAllText(Path.Combine(user, "Dockerfile"), "FROM node:20\n");
        await Git(user, "add", "-A");
        await Git(user, "-c", "user.name=Dana", "-c", "user.email=dana@example.test", "commit", "--quiet", "-m", "initial");
        return user;
    }

    /// <summary>HEAD, the index file's bytes, <c>git status</c> and every working file's content.</summary>
    private static async Task<string> SnapshotAsync(string folder)
    {
        var head = await Git(folder, "symbolic-ref", "HEAD") + await Git(folder, "rev-parse", "HEAD");
        var index = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(Path.Combine(folder, ".git", "index"))));
        var status = await Git(folder, "status", "--porcelain=v1", "--untracked-files=all");
        var files = string.Join("\n", Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => !f.Contains(Path.DirectorySeparatorChar + ".git" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(f => f + "=" + File.ReadAllText(f)));
        return string.Join("\n---\n", head, index, status, files);
    }

    private static Task<string> Git(string folder, params string[] arguments) => GitCli.RunAsync(folder, arguments, CancellationToken.None);
}

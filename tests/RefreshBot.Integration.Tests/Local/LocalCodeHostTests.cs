using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using RefreshBot.Adapters.Local;
using RefreshBot.Application.Fleet;
using RefreshBot.Application.Refresh.Ports;
using RefreshBot.Integration.Tests.Git;
using RefreshBot.Testing.Git;

namespace RefreshBot.Integration.Tests.Local;

public sealed class LocalCodeHostTests : IDisposable
{
    private const string Branch = "refreshbot/repository";
    private readonly string _root = Directory.CreateTempSubdirectory("refreshbot-proposals-").FullName;
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 11, 3, 9, 0, 0, TimeSpan.Zero));

    private string Proposals => Path.Combine(_root, "proposals");

    [Fact]
    public async Task Create_find_update_comment_close_round_trip_through_the_files()
    {
        var (host, repository) = await ArrangeAsync();
        Assert.Empty(await host.FindPullRequestsAsync(repository, Branch, CancellationToken.None));

        var created = await host.CreateAsync(repository, Draft(Branch, "Refresh base images: node:20", "| table |"), CancellationToken.None);
        var other = await host.CreateAsync(repository, Draft("refreshbot/golang", "Refresh golang", "go"), CancellationToken.None);
        Assert.Equal((1, 2), (created.Number, other.Number));
        Assert.Equal(created.Url, Directory.GetFiles(Path.GetDirectoryName(created.Url)!, "refreshbot__repository.md").Single());
        Assert.Equal("# Refresh base images: node:20\n\n| table |\n", File.ReadAllText(created.Url));

        await host.UpdateAsync(repository, 1, Draft(Branch, "Refresh base images: node:22", "| new table |"), CancellationToken.None);
        await host.CommentAsync(repository, 1, "A person pushed here; I stop.", CancellationToken.None);
        var found = Assert.Single(await new LocalCodeHost(Proposals, _time, NullLogger<LocalCodeHost>.Instance).FindPullRequestsAsync(repository, Branch, CancellationToken.None));
        Assert.Equal((1, "Refresh base images: node:22", "| new table |", PullRequestState.Open), (found.Number, found.Title, found.Body, found.State));
        Assert.Equal(["A person pushed here; I stop."], found.Comments);
        Assert.StartsWith("# Refresh base images: node:22\n\n| new table |\n", File.ReadAllText(found.Url), StringComparison.Ordinal);

        await host.CloseAsync(repository, 2, "Superseded by #1.", CancellationToken.None);
        var closed = Assert.Single(await host.FindPullRequestsAsync(repository, "refreshbot/golang", CancellationToken.None));
        Assert.Equal((PullRequestState.ClosedUnmerged, _time.Now), (closed.State, closed.ClosedAt));
        Assert.Contains("Superseded by #1.", File.ReadAllText(closed.Url), StringComparison.Ordinal);
        using var index = JsonDocument.Parse(File.ReadAllText(Path.Combine(Path.GetDirectoryName(closed.Url)!, "index.json")));
        Assert.Equal(["Open", "ClosedUnmerged"], index.RootElement.GetProperty("proposals").EnumerateArray().Select(p => p.GetProperty("state").GetString()!).ToArray());
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(closed.Url)!, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_person_closes_by_deleting_the_file_and_the_next_proposal_gets_the_next_number()
    {
        var (host, repository) = await ArrangeAsync();
        var first = await host.CreateAsync(repository, Draft(Branch, "One", "body"), CancellationToken.None);
        await Assert.ThrowsAsync<CodeHostException>(() => host.CreateAsync(repository, Draft(Branch, "Twice", "body"), CancellationToken.None));

        File.Delete(first.Url);
        var closed = Assert.Single(await host.FindPullRequestsAsync(repository, Branch, CancellationToken.None));
        Assert.Equal(PullRequestState.ClosedUnmerged, closed.State);

        var second = await host.CreateAsync(repository, Draft(Branch, "Two", "newer digest"), CancellationToken.None);
        var both = await host.FindPullRequestsAsync(repository, Branch, CancellationToken.None);
        Assert.Equal([(2, PullRequestState.Open), (1, PullRequestState.ClosedUnmerged)], both.Select(p => (p.Number, p.State)).ToArray());
        Assert.Equal("# Two\n\nnewer digest\n", File.ReadAllText(second.Url));
    }

    [Fact]
    public async Task Remote_and_default_branch_come_from_the_local_repository_and_a_merged_branch_reads_as_Merged()
    {
        var (host, repository) = await ArrangeAsync();
        var path = ((RepositoryLocation.Local)repository.Location).Path;
        Assert.Equal(new GitRemote(path, null, null), await host.GetRemoteAsync(repository, CancellationToken.None));
        Assert.Equal("trunk", await host.GetDefaultBranchAsync(repository, CancellationToken.None));

        await GitCli.RunAsync(path, ["branch", Branch], CancellationToken.None);
        await GitCli.RunAsync(path, ["-c", "user.name=b", "-c", "user.email=b@x.test", "commit", "--quiet", "--allow-empty", "-m", "on trunk"], CancellationToken.None);
        await GitCli.RunAsync(path, ["checkout", "--quiet", Branch], CancellationToken.None);
        await GitCli.RunAsync(path, ["-c", "user.name=b", "-c", "user.email=b@x.test", "commit", "--quiet", "--allow-empty", "-m", "bot"], CancellationToken.None);
        await GitCli.RunAsync(path, ["checkout", "--quiet", "trunk"], CancellationToken.None);
        var head = (await GitCli.RunAsync(path, ["rev-parse", Branch], CancellationToken.None)).Trim();
        await host.CreateAsync(repository, Draft(Branch, "One", "body"), CancellationToken.None);
        var open = Assert.Single(await host.FindPullRequestsAsync(repository, Branch, CancellationToken.None));
        Assert.Equal((PullRequestState.Open, head), (open.State, open.HeadSha));

        await GitCli.RunAsync(path, ["-c", "user.name=b", "-c", "user.email=b@x.test", "merge", "--quiet", "--no-edit", Branch], CancellationToken.None);

        Assert.Equal(PullRequestState.Merged, Assert.Single(await host.FindPullRequestsAsync(repository, Branch, CancellationToken.None)).State);
    }

    [Fact]
    public async Task A_git_url_remote_carries_its_user_info_outside_the_url()
    {
        var host = new LocalCodeHost(Proposals, _time, NullLogger<LocalCodeHost>.Instance);
        var repository = WorkspaceArrangement.Tracked("https://git.example.test/a/b.git", new RepositoryLocation.GitUrl(new Uri("https://bot:s3cret@git.example.test/a/b.git")));

        var remote = await host.GetRemoteAsync(repository, CancellationToken.None);

        Assert.Equal(new GitRemote("https://git.example.test/a/b.git", "bot", "s3cret"), remote);
        var github = WorkspaceArrangement.Tracked("acme/app", new RepositoryLocation.GitHub("acme", "app"));
        Assert.Equal(CodeHostErrorKind.Invalid, (await Assert.ThrowsAsync<CodeHostException>(() => host.CreateAsync(github, Draft(Branch, "t", "b"), CancellationToken.None))).Kind);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private async Task<(LocalCodeHost Host, TrackedRepository Repository)> ArrangeAsync()
    {
        var path = Path.Combine(_root, "checkout");
        Directory.CreateDirectory(path);
        await GitCli.RunAsync(path, ["init", "--quiet", "--initial-branch=trunk"], CancellationToken.None);
        await GitCli.RunAsync(path, ["-c", "user.name=a", "-c", "user.email=a@x.test", "commit", "--quiet", "--allow-empty", "-m", "initial"], CancellationToken.None);
        return (new LocalCodeHost(Proposals, _time, NullLogger<LocalCodeHost>.Instance), WorkspaceArrangement.Tracked(path, new RepositoryLocation.Local(path)));
    }

    private static PullRequestDraft Draft(string branch, string title, string body) => new(branch, "trunk", title, body, ["dependencies"], [], []);
}

using System.Text;
using RefreshBot.Testing.Git;

namespace RefreshBot.Integration.Tests.FakeGitHub;

/// <summary>Real git (CLI) over smart HTTP against <see cref="GitHttpServer"/>: clone, push, auth, faults.</summary>
public sealed class GitHttpServerTests : IAsyncLifetime
{
    private GitHttpServer _server = null!;
    private string _work = null!;

    public async Task InitializeAsync()
    {
        _server = await GitHttpServer.StartAsync();
        _server.AcceptCredentials("bot", "s3cret-token");
        _work = Directory.CreateTempSubdirectory("refreshbot-gitwork-").FullName;
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_work, recursive: true);
    }

    [Fact]
    public async Task Clone_edit_push_lands_in_the_bare_repository_with_the_pushers_commit()
    {
        var repo = await _server.CreateRepositoryAsync("team", "app", new Dictionary<string, string> { ["Dockerfile"] = "FROM alpine:3.20\n" });
        var clone = Path.Combine(_work, "app");

        await Git(_work, "bot", "s3cret-token", "clone", repo.CloneUrl.ToString(), clone);
        Assert.Equal("FROM alpine:3.20\n", File.ReadAllText(Path.Combine(clone, "Dockerfile")));

        File.WriteAllText(Path.Combine(clone, "Dockerfile"), "FROM alpine:3.21\n");
        await Git(clone, "bot", "s3cret-token", "-c", "user.name=Bot", "-c", "user.email=bot@example.test", "commit", "-am", "bump");
        await Git(clone, "bot", "s3cret-token", "push", "origin", "HEAD:refreshbot/all");

        Assert.Equal("FROM alpine:3.21\n", await repo.ReadFileAsync("refreshbot/all", "Dockerfile"));
        Assert.Equal("FROM alpine:3.20\n", await repo.ReadFileAsync("main", "Dockerfile"));
        var commits = await repo.CommitsAsync("refreshbot/all");
        Assert.Equal(["Bot", "Dana Developer"], commits.Select(c => c.AuthorName));
        Assert.Contains(_server.Requests, r => r.IsPush && r.User == "bot" && r.Method == "POST" && r.Status == 200);
    }

    [Fact]
    public async Task Wrong_credentials_are_refused_with_a_basic_challenge()
    {
        var repo = await _server.CreateRepositoryAsync("team", "locked", new Dictionary<string, string> { ["README.md"] = "hi\n" });

        var result = await GitCli.TryRunAsync(_work, ["-c", "http.extraHeader=" + Basic("bot", "wrong"), "clone", repo.CloneUrl.ToString(), "x"], default);

        Assert.NotEqual(0, result.ExitCode);
        Assert.NotEmpty(_server.Requests);
        Assert.All(_server.Requests, r => Assert.Equal((401, null), (r.Status, r.User)));
        using var http = new HttpClient();
        var response = await http.GetAsync(new Uri(repo.CloneUrl + "/info/refs?service=git-upload-pack"));
        Assert.Equal(401, (int)response.StatusCode);
        Assert.Equal("Basic", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task A_token_accepted_for_any_user_and_a_validator_both_authenticate()
    {
        var repo = await _server.CreateRepositoryAsync("team", "open", new Dictionary<string, string> { ["a.txt"] = "a\n" });
        _server.AcceptToken("pat-123");
        _server.AddValidator((user, password) => user == "x-access-token" && password == "ghs_valid");

        await Git(_work, "someone", "pat-123", "clone", repo.CloneUrl.ToString(), "one");
        await Git(_work, "x-access-token", "ghs_valid", "clone", repo.CloneUrl.ToString(), "two");
        _server.RevokeToken("pat-123");
        var refused = await GitCli.TryRunAsync(_work, ["-c", "http.extraHeader=" + Basic("someone", "pat-123"), "clone", repo.CloneUrl.ToString(), "three"], default);

        Assert.NotEqual(0, refused.ExitCode);
        Assert.True(File.Exists(Path.Combine(_work, "two", "a.txt")));
    }

    [Fact]
    public async Task Injected_fetch_faults_fail_the_next_fetches_then_recover()
    {
        var repo = await _server.CreateRepositoryAsync("team", "flaky", new Dictionary<string, string> { ["a.txt"] = "a\n" });
        _server.Faults.FailNextFetches(1, 502);

        var failed = await GitCli.TryRunAsync(_work, ["-c", "http.extraHeader=" + Basic("bot", "s3cret-token"), "clone", repo.CloneUrl.ToString(), "f1"], default);
        Assert.NotEqual(0, failed.ExitCode);
        Assert.Contains("502", failed.Error, StringComparison.Ordinal);

        _server.Faults.DropNextFetches();
        var dropped = await GitCli.TryRunAsync(_work, ["-c", "http.extraHeader=" + Basic("bot", "s3cret-token"), "clone", repo.CloneUrl.ToString(), "f2"], default);
        Assert.True(dropped.ExitCode != 0, string.Join("\n", _server.Requests) + dropped.Error);

        await Git(_work, "bot", "s3cret-token", "clone", repo.CloneUrl.ToString(), "f3");
        Assert.Equal(0, _server.Faults.Pending);
    }

    [Fact]
    public async Task Helpers_commit_as_a_person_merge_and_move_the_default_branch()
    {
        var repo = await _server.CreateRepositoryAsync("team", "helpers", new Dictionary<string, string> { ["Dockerfile"] = "FROM a\n" });
        var side = await repo.CommitAsync("feature", new Dictionary<string, string> { ["b.txt"] = "b\n" }, "add b", new CommitIdentity("Eve", "eve@example.test"), startFrom: "main");
        var mainBefore = await repo.HeadAsync("main");

        var merge = await repo.MergeAsync("main", "feature", "Merge feature");
        await repo.SetDefaultBranchAsync("feature");

        Assert.NotNull(merge);
        Assert.Equal(merge, await repo.HeadAsync("main"));
        Assert.Equal([mainBefore!, side], (await repo.CommitsAsync("main", 1))[0].Parents);
        Assert.Equal("b\n", await repo.ReadFileAsync("main", "b.txt"));
        Assert.Equal("feature", await repo.DefaultBranchAsync());
        Assert.Equal(["feature", "main"], (await repo.BranchesAsync()).Order());
        Assert.Null(await repo.HeadAsync("missing"));
    }

    private static string Basic(string user, string token) =>
        "Authorization: Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + token));

    private static Task<string> Git(string directory, string user, string token, params string[] arguments) =>
        GitCli.RunAsync(directory, ["-c", "http.extraHeader=" + Basic(user, token), .. arguments], default);
}

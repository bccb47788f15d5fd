using Octokit;
using RefreshBot.Testing.Git;
using RefreshBot.Testing.GitHub;

namespace RefreshBot.Integration.Tests.FakeGitHub;

/// <summary>A git server + fake GitHub per test class, a token, and one repository with a Dockerfile.</summary>
public abstract class FakeGitHubFixture : IAsyncLifetime
{
    protected const string Token = "ghp_testtoken0000000000000000000000000";

    protected GitHttpServer GitServer { get; private set; } = null!;

    protected Testing.GitHub.FakeGitHub GitHub { get; private set; } = null!;

    protected FakeRepository Repo { get; private set; } = null!;

    protected virtual FakeGitHubOptions Options => new();

    public async Task InitializeAsync()
    {
        GitServer = await GitHttpServer.StartAsync();
        GitHub = await Testing.GitHub.FakeGitHub.StartAsync(GitServer, Options);
        GitHub.AddToken(Token, "refreshbot");
        Repo = await GitHub.CreateRepositoryAsync("team", "app", new Dictionary<string, string> { ["Dockerfile"] = "FROM alpine:3.20\n" });
    }

    public async Task DisposeAsync()
    {
        // Whatever a test did, the fake never served a body GitHub would not.
        var violations = GitHub.Violations;
        await GitHub.DisposeAsync();
        await GitServer.DisposeAsync();
        Assert.True(AllowViolations || violations.Count == 0, string.Join("\n", violations));
    }

    protected virtual bool AllowViolations => false;

    protected GitHubClient Client(string? token = Token) => new(new ProductHeaderValue("refreshbot-tests"), GitHub.BaseUri)
    {
        Credentials = token is null ? Credentials.Anonymous : new Credentials(token),
    };

    /// <summary>A branch with one commit on top of main, as the bot would push it.</summary>
    protected Task<string> PushBranchAsync(string branch, string content = "FROM alpine:3.21\n") =>
        Repo.Git.CommitAsync(branch, new Dictionary<string, string> { ["Dockerfile"] = content }, "Refresh base images",
            new CommitIdentity("RefreshBot", "bot@example.test"), startFrom: "main");
}

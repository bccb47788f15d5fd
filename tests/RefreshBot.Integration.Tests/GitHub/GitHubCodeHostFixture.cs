using Octokit;
using RefreshBot.Adapters.GitHub;
using RefreshBot.Application.Fleet;
using RefreshBot.Application.Refresh.Ports;
using RefreshBot.Domain.Platforms;
using RefreshBot.Testing.Git;
using RefreshBot.Testing.GitHub;
using RefreshBot.Testing.Logging;

namespace RefreshBot.Integration.Tests.GitHub;

/// <summary>A git server + the fake GitHub per test, a bot token, one repository (team/app), captured logs.</summary>
public abstract class GitHubCodeHostFixture : IAsyncLifetime
{
    /// <summary>A sentinel: must never show up in an exception message or a log line.</summary>
    protected const string Token = "ghp_SENTINELbottoken0000000000000000000";

    protected const string PersonToken = "ghp_persontoken000000000000000000000000";

    protected GitHttpServer GitServer { get; private set; } = null!;

    protected Testing.GitHub.FakeGitHub GitHub { get; private set; } = null!;

    protected FakeRepository Repo { get; private set; } = null!;

    protected CapturingLoggerProvider Logs { get; } = new();

    protected SettableTimeProvider Time { get; } = new();

    protected TrackedRepository Tracked { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        GitServer = await GitHttpServer.StartAsync();
        GitHub = await Testing.GitHub.FakeGitHub.StartAsync(GitServer, new FakeGitHubOptions { Time = Time });
        GitHub.AddToken(Token, "refreshbot");
        GitHub.AddToken(PersonToken, "dana");
        Repo = await GitHub.CreateRepositoryAsync("team", "app", new Dictionary<string, string> { ["Dockerfile"] = "FROM alpine:3.20\n" });
        Tracked = TrackedFor("team", "app");
    }

    public async Task DisposeAsync()
    {
        var violations = GitHub.Violations;
        await GitHub.DisposeAsync();
        await GitServer.DisposeAsync();
        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    protected static TrackedRepository TrackedFor(string owner, string name) => new(
        owner + "/" + name, new RepositoryLocation.GitHub(owner, name), null, [], new Dictionary<string, string>(),
        [Platform.Parse("linux/amd64")], UpdateGrouping.Repository, [], [], [], null, RefreshPolicy.Default);

    protected GitHubCodeHost CodeHost(Func<GitHubOptions, GitHubOptions>? configure = null, HttpMessageHandler? handler = null)
    {
        var options = new GitHubOptions { ApiUrl = GitHub.BaseUri, Token = Token };
        return new GitHubCodeHost(configure?.Invoke(options) ?? options, Logs, Time, handler);
    }

    /// <summary>A person's own Octokit client (to add labels the bot must keep, etc.).</summary>
    protected GitHubClient PersonClient() => new(new ProductHeaderValue("person"), GitHub.BaseUri) { Credentials = new Credentials(PersonToken) };

    /// <summary>A branch with one commit on top of main, as the bot would push it.</summary>
    protected Task<string> PushBranchAsync(string branch, string content = "FROM alpine:3.21\n") =>
        Repo.Git.CommitAsync(branch, new Dictionary<string, string> { ["Dockerfile"] = content }, "Refresh base images",
            new CommitIdentity("RefreshBot", "bot@example.test"), startFrom: "main");

    protected static PullRequestDraft Draft(string branch = "refreshbot/repository", string title = "Refresh base images: alpine:3.20", string body = "body v1") =>
        new(branch, "main", title, body, ["dependencies", "docker"], ["alice", "team/platform"], ["bob"]);

    /// <summary>Neither the token nor anything else secret in what the host logged.</summary>
    protected void AssertNoSecretsLogged(params string[] secrets)
    {
        foreach (var secret in secrets.Append(Token))
        {
            Assert.DoesNotContain(secret, Logs.AllText, StringComparison.Ordinal);
        }
    }
}

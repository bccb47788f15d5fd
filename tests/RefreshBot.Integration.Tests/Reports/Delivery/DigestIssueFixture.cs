using Microsoft.Extensions.Logging;
using RefreshBot.Adapters.GitHub;
using RefreshBot.Adapters.GitHub.Issues;
using RefreshBot.Application.Reporting.Publishing;
using RefreshBot.Domain.Reports.Weekly;
using RefreshBot.Testing.Git;
using RefreshBot.Testing.GitHub;
using RefreshBot.Testing.Logging;
using RefreshBot.Testing.Reports;

namespace RefreshBot.Integration.Tests.Reports.Delivery;

/// <summary>The fake GitHub with the repository <c>acme/fleet</c> the digest issues go to, a bot token, captured logs.</summary>
public abstract class DigestIssueFixture : IAsyncLifetime
{
    /// <summary>A sentinel: must never show up in an exception message or a log line.</summary>
    protected const string Token = "ghp_SENTINELdigesttoken00000000000000";

    protected static readonly IReadOnlyList<string> Labels = ["refreshbot", "digest"];

    protected GitHttpServer GitServer { get; private set; } = null!;

    protected Testing.GitHub.FakeGitHub GitHub { get; private set; } = null!;

    protected FakeRepository Repo { get; private set; } = null!;

    protected CapturingLoggerProvider Logs { get; } = new();

    public async Task InitializeAsync()
    {
        GitServer = await GitHttpServer.StartAsync();
        GitHub = await Testing.GitHub.FakeGitHub.StartAsync(GitServer);
        GitHub.AddToken(Token, "refreshbot");
        Repo = await GitHub.CreateRepositoryAsync("acme", "fleet", new Dictionary<string, string> { ["README.md"] = "fleet\n" });
    }

    public async Task DisposeAsync()
    {
        var violations = GitHub.Violations;
        await GitHub.DisposeAsync();
        await GitServer.DisposeAsync();
        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    protected GitHubDigestIssues Issues(int pageSize = 100, HttpMessageHandler? handler = null) =>
        new(new GitHubOptions { ApiUrl = GitHub.BaseUri, Token = Token, PageSize = pageSize }, "acme", "fleet", Logs, null, handler);

    protected IssueDigestChannel Channel(IDigestIssues issues) => new(issues, Labels, Logs.CreateLogger<IssueDigestChannel>());

    /// <summary>The busy sample, moved to <paramref name="week"/>.</summary>
    protected static WeeklyDigest DigestOf(IsoWeek week) => WeeklyDigestSamples.Busy with { Week = week, AsOf = week.End };

    protected IReadOnlyList<FakeIssue> DigestIssues() => GitHub.Issues("acme", "fleet");

    protected int Count(string operation) => GitHub.RequestCounts.GetValueOrDefault(operation);
}

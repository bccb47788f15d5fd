using RefreshBot.Adapters.History;
using RefreshBot.Application.Fleet;
using RefreshBot.Application.Refresh.History;
using RefreshBot.Application.Refresh.Ports;
using RefreshBot.Domain.Platforms;
using RefreshBot.Host.Config;

namespace RefreshBot.Integration.Tests.Dashboard;

/// <summary>
/// A small fleet and its history, written through the store's own API: a fresh repository, a stale one (an open
/// refresh PR whose digest was first seen 3 days 2 hours ago), a failing one, one never run, and one whose id, PR title,
/// URL and reasons are hostile markup.
/// </summary>
internal static class DashboardSample
{
    public const string Token = "dash-s3cret-token";
    public const string Username = "admin";
    public const string Password = "dash-s3cret-password";

    public const string Fresh = "acme/fresh-app";
    public const string Stale = "acme/stale-api";
    public const string Failing = "acme/broken-web";
    public const string NeverRun = "acme/never-run";
    public const string Hostile = "evil/<img src=x onerror=alert(1)>";
    public const string HostileTitle = "<script>alert('pwned')</script> Refresh";
    public const string FailingReason = "registry ghcr.io: 503 Service Unavailable";
    public const string HostileReason = "<b>Dockerfile:3</b>: soak <i>24 h</i>";

    public static readonly DashboardSettings TokenSettings = new(true, new DashboardAuth.Token(new SecretText(Token)));
    public static readonly DashboardSettings BasicSettings = new(true, new DashboardAuth.Basic(Username, new SecretText(Password)));

    public static IReadOnlyList<TrackedRepository> Fleet { get; } = [Repository(Fresh), Repository(Stale), Repository(Failing), Repository(NeverRun), Repository(Hostile)];

    public static TrackedRepository Repository(string id)
    {
        var parts = id.Split('/');
        return new TrackedRepository(
            id, new RepositoryLocation.GitHub(parts[0], parts[1]), null, [], new Dictionary<string, string>(), [Platform.LinuxAmd64],
            UpdateGrouping.Repository, [], [], [], null, RefreshPolicy.Default);
    }

    /// <summary>Writes the sample history as of <paramref name="now"/>.</summary>
    public static async Task FillAsync(IHistoryStore history, DateTimeOffset now)
    {
        var ct = CancellationToken.None;
        await RunAsync(history, Fresh, now.AddHours(-5), TimeSpan.FromMinutes(3), RunOutcome.Succeeded, null);
        await RunAsync(history, Fresh, now.AddHours(-1), TimeSpan.FromSeconds(90), RunOutcome.Succeeded, null);
        await history.RecordImagesAsync(Fresh, [new ImageInUse("docker.io/library/node", "22", true), new ImageInUse("docker.io/library/alpine", "3.20", true)], now.AddHours(-1), ct);
        await history.RecordProposalAsync(Fresh, new RecordedProposal("refreshbot/base-images", 3, "https://github.com/acme/fresh-app/pull/3", PullRequestState.Merged)
        {
            Title = "Refresh base images: node:22",
            Opened = now.AddDays(-9),
            Closed = now.AddDays(-8),
            Updates = [Update("Dockerfile", "docker.io/library/node", "22", now.AddDays(-10))],
        }, now.AddDays(-8), ct);

        await RunAsync(history, Stale, now.AddHours(-2), TimeSpan.FromMinutes(12), RunOutcome.Succeeded, null);
        await history.RecordImagesAsync(Stale, [new ImageInUse("docker.io/library/python", "3.12-slim", false)], now.AddHours(-2), ct);
        await history.RecordProposalAsync(Stale, new RecordedProposal("refreshbot/base-images", 7, "https://github.com/acme/stale-api/pull/7", PullRequestState.Open)
        {
            Title = "Refresh base images: python:3.12-slim",
            Opened = now.AddDays(-3),
            Updates = [Update("api/Dockerfile", "docker.io/library/python", "3.12-slim", now.AddDays(-3).AddHours(-2))],
        }, now.AddDays(-3), ct);

        await RunAsync(history, Failing, now.AddHours(-3), TimeSpan.FromMinutes(1), RunOutcome.Succeeded, null);
        await RunAsync(history, Failing, now.AddMinutes(-30), TimeSpan.FromSeconds(20), RunOutcome.Failed, FailingReason);
        await history.RecordImagesAsync(Failing, [new ImageInUse("ghcr.io/acme/base", "1", true)], now.AddHours(-3), ct);

        await RunAsync(history, Hostile, now.AddHours(-4), TimeSpan.FromMinutes(2), RunOutcome.Succeeded, HostileReason);
        await history.RecordImagesAsync(Hostile, [new ImageInUse("docker.io/library/<svg onload=alert(2)>", "<x>", false)], now.AddHours(-4), ct);
        await history.RecordProposalAsync(Hostile, new RecordedProposal("refreshbot/<b>", 1, "javascript:alert(3)", PullRequestState.Open)
        {
            Title = HostileTitle,
            Opened = now.AddHours(-4),
        }, now.AddHours(-4), ct);
    }

    private static RecordedUpdate Update(string dockerfile, string image, string tag, DateTimeOffset firstSeen) =>
        new(dockerfile, image, tag, "sha256:" + new string('a', 64), "sha256:" + new string('b', 64), "linux/amd64", firstSeen);

    private static async Task RunAsync(IHistoryStore history, string repository, DateTimeOffset started, TimeSpan took, RunOutcome outcome, string? reason)
    {
        var run = await history.RunStartedAsync(repository, started, CancellationToken.None);
        await history.RunFinishedAsync(run, started + took, outcome, reason, CancellationToken.None);
    }
}

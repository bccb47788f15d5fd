using RefreshBot.Adapters.History;
using RefreshBot.Application.Fleet;
using RefreshBot.Application.Refresh.History;
using RefreshBot.Application.Refresh.Ports;
using RefreshBot.Domain.Platforms;
using RefreshBot.Domain.Vulnerabilities.Severity;

namespace RefreshBot.Integration.Tests.Reporting;

/// <summary>
/// A history written through the store's API for the weekly digest tests: week 2026-W48 (Monday 2026-11-23 →
/// 2026-11-30), first run in W46. Every time is chosen so the figures can be computed by hand (see the tests).
/// </summary>
internal static class DigestFixtures
{
    public static readonly DateTimeOffset W48 = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);
    public const string Node = "docker.io/library/node";
    public const string Python = "docker.io/library/python";

    public static DateTimeOffset At(int month, int day, int hour, int minute = 0, int second = 0) => new(2026, month, day, hour, minute, second, TimeSpan.Zero);

    public static TrackedRepository Tracked(string id) => new(
        id, new RepositoryLocation.GitHub(id.Split('/')[0], id.Split('/')[1]), null, [], new Dictionary<string, string>(), [Platform.LinuxAmd64],
        UpdateGrouping.Repository, [], [], [], null, RefreshPolicy.Default);

    public static IReadOnlyList<TrackedRepository> Fleet(params string[] ids) => [.. ids.Select(Tracked)];

    public static async Task RunAsync(IRefreshHistory history, string repository, DateTimeOffset started, RunOutcome outcome, string? reason = null)
    {
        var id = await history.RunStartedAsync(repository, started, default);
        await history.RunFinishedAsync(id, started.AddMinutes(5), outcome, reason, default);
    }

    public static RecordedUpdate Update(string image, DateTimeOffset? firstSeen, string dockerfile = "Dockerfile") =>
        new(dockerfile, image, "22", "sha256:" + new string('a', 64), "sha256:" + new string('b', 64), "linux/amd64", firstSeen);

    /// <summary>Records the pull request opened at <paramref name="opened"/> and, when given, its end (as the publisher does: two records).</summary>
    public static async Task ProposalAsync(
        IRefreshHistory history, string repository, int number, string branch, DateTimeOffset opened, PullRequestState end, DateTimeOffset? closed,
        params RecordedUpdate[] updates)
    {
        var open = new RecordedProposal(branch, number, $"https://github.com/{repository}/pull/{number}", PullRequestState.Open)
        {
            Title = $"Refresh {branch}",
            Updates = updates,
        };
        await history.RecordProposalAsync(repository, open, opened, default);
        if (closed is { } at)
        {
            await history.RecordProposalAsync(repository, open with { State = end, Closed = at }, at.AddMinutes(30), default);
        }
    }

    public static RecordedAdvisory Advisory(string id, SeverityLevel severity, params string[] aliases) => new(id, severity, aliases);

    /// <summary>One Dockerfile, both builds as given, a scan when <paramref name="remaining"/> is given.</summary>
    public static Task EvaluationAsync(
        IRefreshHistory history, string repository, string branch, int number, DateTimeOffset at, bool newBuilds,
        RecordedAdvisory[] fixedAdvisories, RecordedAdvisory[] introduced, SeverityCounts? remaining, string dockerfile = "Dockerfile") =>
        history.RecordEvaluationAsync(
            new RecordedEvaluation(
                repository, branch, number, at,
                [
                    new RecordedDockerfileEvaluation(
                        dockerfile,
                        new RecordedBuild(true, TimeSpan.FromSeconds(10), 1000, null),
                        new RecordedBuild(newBuilds, TimeSpan.FromSeconds(11), newBuilds ? 1001 : null, newBuilds ? null : "Step 2/3 : RUN make"),
                        null,
                        remaining is { } counts ? new RecordedScan(2, fixedAdvisories, introduced, counts) : null),
                ]),
            default);

    /// <summary>
    /// The busy fleet: api (PR #12 open since W47, lag from 2026-11-15 08:00), web (PR #7 opened this week, failing build),
    /// worker (#5 merged this week, #4 closed unmerged this week, #3 merged in W47), docs (failing), new (never run),
    /// gone (not in the config: ignored).
    /// </summary>
    public static async Task BusyAsync(IHistoryStore store)
    {
        var h = store;
        await RunAsync(h, "acme/api", At(11, 9, 10), RunOutcome.Succeeded);          // the first run: W46
        await RunAsync(h, "acme/api", At(11, 29, 10), RunOutcome.Succeeded);
        await RunAsync(h, "acme/api", At(11, 30, 2), RunOutcome.Failed, "after the week");
        await RunAsync(h, "acme/web", At(11, 29, 11), RunOutcome.Succeeded);
        await RunAsync(h, "acme/worker", At(11, 29, 12), RunOutcome.Succeeded);
        await RunAsync(h, "acme/docs", At(11, 29, 13), RunOutcome.Failed, "registry docker.io: 503");
        await RunAsync(h, "acme/gone", At(11, 29, 14), RunOutcome.Failed, "gone");

        await ProposalAsync(h, "acme/api", 12, "refreshbot/api", At(11, 16, 9), PullRequestState.Open, null,
            Update(Node, At(11, 15, 8)), Update(Python, At(11, 20, 0)));
        await EvaluationAsync(h, "acme/api", "refreshbot/api", 12, At(11, 16, 9), true,
            [Advisory("DSA-4", SeverityLevel.High, "CVE-2026-0004")], [], new SeverityCounts(0, 0, 1, 0, 0));

        await ProposalAsync(h, "acme/web", 7, "refreshbot/web", At(11, 27, 12), PullRequestState.Open, null, Update(Node, At(11, 27, 11, 30, 15)));
        await EvaluationAsync(h, "acme/web", "refreshbot/web", 7, At(11, 27, 12), false, [], [], null);

        await ProposalAsync(h, "acme/worker", 3, "refreshbot/worker-base", At(11, 16, 6), PullRequestState.Merged, At(11, 20, 0),
            Update("ghcr.io/acme/base", At(11, 16, 5), "base/Dockerfile"));
        await EvaluationAsync(h, "acme/worker", "refreshbot/worker-base", 3, At(11, 16, 6), true,
            [Advisory("DSA-3", SeverityLevel.Medium)], [], new SeverityCounts(1, 0, 0, 0, 0), "base/Dockerfile");
        await ProposalAsync(h, "acme/worker", 5, "refreshbot/worker", At(11, 18, 10), PullRequestState.Merged, At(11, 25, 15, 30), Update(Python, At(11, 17, 0)));
        await EvaluationAsync(h, "acme/worker", "refreshbot/worker", 5, At(11, 18, 10), true,
            [Advisory("DSA-1", SeverityLevel.Critical, "CVE-2026-0001"), Advisory("DSA-2", SeverityLevel.High)],
            [Advisory("GHSA-x", SeverityLevel.Low, "CVE-2026-0009")],
            new SeverityCounts(0, 1, 2, 0, 1));
        await ProposalAsync(h, "acme/worker", 4, "refreshbot/worker-alpine", At(11, 20, 0), PullRequestState.ClosedUnmerged, At(11, 24, 8));

        await ProposalAsync(h, "acme/gone", 1, "refreshbot/gone", At(11, 10, 0), PullRequestState.Open, null, Update(Node, At(11, 1, 0)));
        await EvaluationAsync(h, "acme/gone", "refreshbot/gone", 1, At(11, 10, 0), true,
            [Advisory("DSA-9", SeverityLevel.Critical)], [], new SeverityCounts(5, 5, 0, 0, 0));

        await store.RecordImagesAsync("acme/api", [new ImageInUse(Node, "22", true), new ImageInUse(Python, "3.13-slim", true)], At(11, 29, 10), default);
        await store.RecordImagesAsync(
            "acme/web", [new ImageInUse("docker.io/library/nginx", "1.27", false), new ImageInUse(Node, "20-alpine", true)], At(11, 29, 11), default);
        await store.RecordImagesAsync(
            "acme/worker", [new ImageInUse(Python, "3.13-slim", true), new ImageInUse("ghcr.io/acme/base", null, true)], At(11, 29, 12), default);
        await store.RecordImagesAsync("acme/gone", [new ImageInUse(Node, "22", true)], At(11, 29, 14), default);
    }
}

using RefreshBot.Application.Refresh.History;
using RefreshBot.Domain.Vulnerabilities.Severity;

namespace RefreshBot.Integration.Tests.History;

/// <summary>A recorded evaluation with every kind of field (builds, failure, problem, advisories), and its comparison.</summary>
internal static class EvaluationSamples
{
    public static RecordedEvaluation Sample(string repository, DateTimeOffset at, int? number = 7) => new(
        repository,
        "refreshbot/debian",
        number,
        at,
        [
            new RecordedDockerfileEvaluation(
                "Dockerfile",
                new RecordedBuild(true, TimeSpan.FromTicks(123_456_789), 80_000_000, null),
                new RecordedBuild(true, TimeSpan.FromSeconds(41.5), 79_000_000, null),
                null,
                new RecordedScan(
                    3,
                    [new RecordedAdvisory("DSA-9001-1", SeverityLevel.Critical, ["CVE-2026-0001"]), new RecordedAdvisory("DSA-9003-1", SeverityLevel.High, [])],
                    [new RecordedAdvisory("GHSA-x", SeverityLevel.Low, ["CVE-2026-0009", "CVE-2026-0010"])],
                    new SeverityCounts(0, 1, 2, 0, 1))),
            new RecordedDockerfileEvaluation(
                "worker/Dockerfile",
                new RecordedBuild(true, TimeSpan.FromSeconds(3), 5_000_000, null),
                new RecordedBuild(false, TimeSpan.FromSeconds(2), null, "Step 3/5 : RUN make"),
                null,
                null),
            new RecordedDockerfileEvaluation("broken/Dockerfile", null, null, "docker is not installed", null),
        ]);

    public static void AssertSame(RecordedEvaluation expected, RecordedEvaluation actual)
    {
        Assert.Equal(expected with { Dockerfiles = [] }, actual with { Dockerfiles = [] });
        Assert.Equal(expected.Dockerfiles.Count, actual.Dockerfiles.Count);
        foreach (var (e, a) in expected.Dockerfiles.Zip(actual.Dockerfiles))
        {
            Assert.Equal(e with { Scan = null }, a with { Scan = null });
            Assert.Equal(e.Scan is null, a.Scan is null);
            if (e.Scan is { } es && a.Scan is { } @as)
            {
                Assert.Equal(es.PackageChanges, @as.PackageChanges);
                Assert.Equal(es.Remaining, @as.Remaining);
                Assert.Equal(Flatten(es.Fixed), Flatten(@as.Fixed));
                Assert.Equal(Flatten(es.Introduced), Flatten(@as.Introduced));
            }
        }
    }

    private static IEnumerable<string> Flatten(IReadOnlyList<RecordedAdvisory> advisories) =>
        advisories.Select(a => $"{a.Id} {a.Severity} [{string.Join(",", a.Aliases)}]");
}

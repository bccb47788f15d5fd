using System.Text.Json;
using RefreshBot.Domain.Reports.Weekly;
using RefreshBot.Domain.Vulnerabilities.Severity;
using RefreshBot.Testing.Reports;

namespace RefreshBot.Domain.Tests.Reports;

public sealed class WeeklyDigestJsonTests
{
    public static TheoryData<string> Samples => ["busy", "empty", "first", "errors", "hostile"];

    internal static WeeklyDigest Sample(string name) => name switch
    {
        "busy" => WeeklyDigestSamples.Busy,
        "empty" => WeeklyDigestSamples.EmptyFleet,
        "first" => WeeklyDigestSamples.FirstWeek,
        "errors" => WeeklyDigestSamples.ErrorsOnly,
        _ => HostileDigest.Digest,
    };

    [Fact]
    public void The_busy_fleet_reads_back_with_exact_figures()
    {
        var root = Parse(WeeklyDigestSamples.Busy);
        Assert.Equal(1, root.GetProperty("schemaVersion").GetInt32());
        Assert.Equal("2026-W48", root.GetProperty("week").GetString());
        Assert.Equal("2026-11-23T00:00:00Z", root.GetProperty("weekStart").GetString());
        Assert.Equal("2026-11-30T00:00:00Z", root.GetProperty("weekEnd").GetString());
        Assert.Equal("2026-11-30T00:00:00Z", root.GetProperty("asOf").GetString());

        var fleet = root.GetProperty("fleet");
        Assert.Equal(4, fleet.GetProperty("repositoriesTracked").GetInt32());
        Assert.Equal(1, fleet.GetProperty("fullyFresh").GetInt32());
        Assert.Equal(0.25, fleet.GetProperty("shareFullyFresh").GetDouble());
        Assert.Equal(57 * 3600, fleet.GetProperty("medianLagSeconds").GetInt64());
        Assert.Equal(102 * 3600, fleet.GetProperty("worstLagSeconds").GetInt64());
        Assert.Equal("acme/api", fleet.GetProperty("worstLagRepository").GetString());
        Assert.Equal([2, 1, 1, 1], new[] { "openPullRequests", "openedThisWeek", "mergedThisWeek", "closedUnmergedThisWeek" }
            .Select(n => fleet.GetProperty(n).GetInt32()));
        var node = fleet.GetProperty("baseImages")[0];
        Assert.Equal("docker.io/library/node", node.GetProperty("image").GetString());
        Assert.Equal(2, node.GetProperty("repositories").GetInt32());
        Assert.Equal(["20-alpine", "22"], node.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));

        var api = root.GetProperty("repositories")[0];
        Assert.Equal("stale", api.GetProperty("status").GetString());
        Assert.Equal(102 * 3600, api.GetProperty("lagSeconds").GetInt64());
        var pr = api.GetProperty("open")[0];
        Assert.Equal(12, pr.GetProperty("number").GetInt32());
        Assert.Equal("2026-11-27T00:00:00Z", pr.GetProperty("opened").GetString());
        Assert.Equal(JsonValueKind.Null, pr.GetProperty("closed").ValueKind);
        Assert.Equal(3 * 86400, pr.GetProperty("ageSeconds").GetInt64());
        Assert.Equal("succeeded", pr.GetProperty("build").GetString());
        Assert.Equal(1, pr.GetProperty("wouldFix").GetProperty("critical").GetInt32());
        Assert.Equal(4, pr.GetProperty("wouldFix").GetProperty("total").GetInt32());

        var docs = root.GetProperty("repositories")[2];
        Assert.Equal("failing", docs.GetProperty("status").GetString());
        Assert.Equal("registry docker.io: 503 Service Unavailable", docs.GetProperty("lastError").GetString());
        Assert.Equal(JsonValueKind.Null, docs.GetProperty("lagSeconds").ValueKind);

        var worker = root.GetProperty("repositories")[3];
        Assert.Equal(2 * 86400, worker.GetProperty("merged")[0].GetProperty("ageSeconds").GetInt64());
        Assert.Equal("notRun", worker.GetProperty("closedUnmerged")[0].GetProperty("build").GetString());

        var security = root.GetProperty("security");
        Assert.Equal(31, security.GetProperty("stillExposed").GetProperty("total").GetInt32());
        Assert.Equal(["CVE-2026-1001", "CVE-2026-2002", "CVE-2026-2003"], security.GetProperty("fixedIds").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(3, security.GetProperty("evaluatedRepositories").GetInt32());

        var trend = root.GetProperty("trend");
        Assert.Equal(["2026-W45", "2026-W46", "2026-W47", "2026-W48"], trend.EnumerateArray().Select(p => p.GetProperty("week").GetString()));
        Assert.Equal([30 * 3600, 80 * 3600, 40 * 3600, 57 * 3600], trend.EnumerateArray().Select(p => p.GetProperty("medianLagSeconds").GetInt64()));
        Assert.Equal([9, 11, 8, 7], trend.EnumerateArray().Select(p => p.GetProperty("exposedCriticalHigh").GetInt32()));
    }

    [Fact]
    public void Lags_are_exact_seconds_and_missing_figures_are_null()
    {
        var first = Parse(WeeklyDigestSamples.FirstWeek);
        Assert.Equal(93_784, first.GetProperty("fleet").GetProperty("medianLagSeconds").GetInt64());
        Assert.Single(first.GetProperty("trend").EnumerateArray());

        var fractional = WeeklyDigestSamples.FirstWeek with
        {
            Fleet = WeeklyDigestSamples.FirstWeek.Fleet with { MedianLag = TimeSpan.FromMilliseconds(1500) },
        };
        Assert.Equal(1.5m, Parse(fractional).GetProperty("fleet").GetProperty("medianLagSeconds").GetDecimal());

        var empty = Parse(WeeklyDigestSamples.EmptyFleet);
        var fleet = empty.GetProperty("fleet");
        Assert.Equal(JsonValueKind.Null, fleet.GetProperty("medianLagSeconds").ValueKind);
        Assert.Equal(JsonValueKind.Null, fleet.GetProperty("worstLagRepository").ValueKind);
        Assert.Equal(0, fleet.GetProperty("shareFullyFresh").GetDouble());
        Assert.Equal(0, empty.GetProperty("repositories").GetArrayLength());
        Assert.Equal(0, fleet.GetProperty("baseImages").GetArrayLength());
    }

    /// <summary>Every figure of every sample reads back equal to the model (the JSON is the model, field for field).</summary>
    [Theory]
    [MemberData(nameof(Samples))]
    public void Every_figure_round_trips(string sample)
    {
        var digest = Sample(sample);
        var root = Parse(digest);
        Assert.Equal(digest.Fleet.RepositoriesTracked, root.GetProperty("fleet").GetProperty("repositoriesTracked").GetInt32());
        Assert.Equal(Seconds(digest.Fleet.WorstLag), Seconds(root.GetProperty("fleet").GetProperty("worstLagSeconds")));
        var repositories = root.GetProperty("repositories").EnumerateArray().ToList();
        Assert.Equal(digest.Repositories.Count, repositories.Count);
        foreach (var (model, json) in digest.Repositories.Zip(repositories))
        {
            Assert.Equal(model.Repository, json.GetProperty("repository").GetString());
            Assert.Equal(Seconds(model.Lag), Seconds(json.GetProperty("lagSeconds")));
            Assert.Equal(model.LastError, json.GetProperty("lastError").GetString());
            Assert.Equal(model.SkipReasons, json.GetProperty("skipReasons").EnumerateArray().Select(r => r.GetString()!));
            Assert.Equal(model.Open.Select(p => (p.Number, p.Url, p.Title, p.WouldFix.Total)),
                json.GetProperty("open").EnumerateArray().Select(p => (
                    p.GetProperty("number").GetInt32(), p.GetProperty("url").GetString()!, p.GetProperty("title").GetString()!,
                    p.GetProperty("wouldFix").GetProperty("total").GetInt32())));
        }

        Assert.Equal(Counts(digest.Security.StillExposed), Counts(root.GetProperty("security").GetProperty("stillExposed")));
        Assert.Equal(digest.Trend.Select(p => (p.Week.ToString(), p.OpenPullRequests, Seconds(p.MedianLag))),
            root.GetProperty("trend").EnumerateArray().Select(p => (
                p.GetProperty("week").GetString()!, p.GetProperty("openPullRequests").GetInt32(), Seconds(p.GetProperty("medianLagSeconds")))));
        Assert.Equal(WeeklyDigestJson.Render(digest), WeeklyDigestJson.Render(Sample(sample)));
    }

    private static JsonElement Parse(WeeklyDigest digest) => JsonDocument.Parse(WeeklyDigestJson.Render(digest)).RootElement;

    private static decimal? Seconds(TimeSpan? value) => value is { } v ? v.Ticks / (decimal)TimeSpan.TicksPerSecond : null;

    private static decimal? Seconds(JsonElement value) => value.ValueKind == JsonValueKind.Null ? null : value.GetDecimal();

    private static int[] Counts(SeverityCounts c) => [c.Critical, c.High, c.Medium, c.Low, c.Unknown, c.Total];

    private static int[] Counts(JsonElement e) =>
        new[] { "critical", "high", "medium", "low", "unknown", "total" }.Select(n => e.GetProperty(n).GetInt32()).ToArray();
}

using RefreshBot.Domain.Vulnerabilities.Severity;
using RefreshBot.Application.Refresh.History;
using static RefreshBot.Integration.Tests.History.EvaluationSamples;

namespace RefreshBot.Integration.Tests.History;

/// <summary>The contract's evaluations and image uses.</summary>
public abstract partial class HistoryStoreContract
{
    [Fact]
    public async Task An_evaluation_round_trips_with_builds_counts_and_advisory_ids()
    {
        var recorded = Sample("acme/app", Monday);
        await using (var history = await OpenAsync())
        {
            await history.RecordEvaluationAsync(recorded, default);
        }

        await using var reopened = await OpenAsync();
        var read = Assert.Single(await reopened.EvaluationsAsync("acme/app", Monday, default));

        AssertSame(recorded, read);
        var scan = read.Dockerfiles[0].Scan!;
        Assert.Equal(new SeverityCounts(1, 1, 0, 0, 0), scan.FixedCounts);
        Assert.Equal(new SeverityCounts(0, 0, 0, 1, 0), scan.IntroducedCounts);
        Assert.Equal(4, scan.Remaining.Total);
    }

    [Fact]
    public async Task Evaluations_are_read_since_a_time_per_repository_or_for_the_whole_fleet_oldest_first()
    {
        await using var history = await OpenAsync();
        await history.RecordEvaluationAsync(Sample("acme/app", Monday.AddDays(-8)), default);
        await history.RecordEvaluationAsync(Sample("acme/app", Monday.AddDays(2), number: null), default);
        await history.RecordEvaluationAsync(Sample("acme/other", Monday.AddDays(1)), default);
        await history.RecordEvaluationAsync(Sample("acme/app", Monday), default);

        var app = await history.EvaluationsAsync("acme/app", Monday, default);
        var fleet = await history.EvaluationsAsync(null, Monday, default);

        Assert.Equal([Monday, Monday.AddDays(2)], app.Select(e => e.Evaluated));
        Assert.Equal([7, null], app.Select(e => e.PullRequest));
        Assert.Equal(["acme/app", "acme/other", "acme/app"], fleet.Select(e => e.Repository));
        Assert.All(fleet, e => Assert.Equal(["DSA-9001-1", "DSA-9003-1"], e.Dockerfiles[0].Scan!.Fixed.Select(a => a.Id)));
        Assert.Empty(await history.EvaluationsAsync("acme/app", Monday.AddDays(3), default));
    }

    [Fact]
    public async Task A_dry_run_records_no_evaluation_but_reads_the_real_ones()
    {
        await using var history = await OpenAsync();
        await history.RecordEvaluationAsync(Sample("acme/app", Monday), default);
        var dry = new ReadOnlyHistory(history);

        await dry.RecordEvaluationAsync(Sample("acme/app", Monday.AddHours(1)), default);

        Assert.Equal([Monday], (await dry.EvaluationsAsync("acme/app", Monday, default)).Select(e => e.Evaluated));
        Assert.Single(await history.EvaluationsAsync(null, DateTimeOffset.MinValue, default));
    }

    [Fact]
    public async Task Image_uses_are_replaced_per_repository_and_found_by_image_and_tag()
    {
        await using var history = await OpenAsync();
        const string NodeImage = "docker.io/library/node";
        await history.RecordImagesAsync(
            "acme/web", [new ImageInUse(NodeImage, "22", false), new ImageInUse(NodeImage, "22", false), new ImageInUse("ghcr.io/acme/base", null, true)], Monday, default);
        await history.RecordImagesAsync("acme/api", [new ImageInUse(NodeImage, "20", true), new ImageInUse("docker.io/library/debian", "12", false)], Monday, default);
        await history.RecordImagesAsync("acme/old", [new ImageInUse(NodeImage, "18", false)], Monday, default);
        await history.RecordImagesAsync("acme/old", [new ImageInUse("docker.io/library/alpine", "3.20", false)], Monday.AddDays(1), default);

        Assert.Equal(["acme/api", "acme/web"], await history.RepositoriesUsingAsync(NodeImage, null, default));
        Assert.Equal(["acme/web"], await history.RepositoriesUsingAsync(NodeImage, "22", default));
        Assert.Empty(await history.RepositoriesUsingAsync(NodeImage, "18", default));
        Assert.Equal(["acme/web"], await history.RepositoriesUsingAsync("ghcr.io/acme/base", null, default));
        Assert.Equal(
            [
                new RecordedImageUse("acme/api", "docker.io/library/debian", "12", false, Monday),
                new RecordedImageUse("acme/api", NodeImage, "20", true, Monday),
                new RecordedImageUse("acme/old", "docker.io/library/alpine", "3.20", false, Monday.AddDays(1)),
                new RecordedImageUse("acme/web", NodeImage, "22", false, Monday),
                new RecordedImageUse("acme/web", "ghcr.io/acme/base", null, true, Monday),
            ],
            await history.ImageUsesAsync(default));

        await history.RecordImagesAsync("acme/web", [], Monday.AddDays(2), default);
        Assert.Equal(["acme/api"], await history.RepositoriesUsingAsync(NodeImage, null, default));
    }
}

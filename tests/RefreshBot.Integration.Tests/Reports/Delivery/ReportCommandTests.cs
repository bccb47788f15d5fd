using System.Text.Json;
using RefreshBot.Adapters.Reports.Pages;
using RefreshBot.Domain.Reports.Weekly;
using RefreshBot.Integration.Tests.Cli;

namespace RefreshBot.Integration.Tests.Reports.Delivery;

/// <summary><c>refreshbot report</c> run as a CLI over a config with two local repositories and a fresh history.</summary>
public sealed class ReportCommandTests : IDisposable
{
    private readonly GitFleet _fleet = new();

    public ReportCommandTests()
    {
        _fleet.Repository("svc", ("Dockerfile", "FROM alpine:3.20\n"));
        _fleet.Repository("web", ("Dockerfile", "FROM nginx:1.27\n"));
    }

    public void Dispose() => _fleet.Dispose();

    [Fact]
    public async Task Markdown_of_the_current_week_goes_to_stdout_by_default()
    {
        var config = Config();

        var run = await CliRun.InProcessAsync("report", "--config", config);

        Assert.True(run.ExitCode == 0, run.Stderr);
        var week = IsoWeek.Of(DateTimeOffset.UtcNow);
        Assert.StartsWith($"# RefreshBot weekly digest — {week}\n", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("| Repositories tracked | 2 |", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_of_a_given_week_goes_to_a_file()
    {
        var config = Config();
        var output = Path.Combine(_fleet.Root, "out", "w48.json");

        var run = await CliRun.InProcessAsync("report", "--config", config, "--week", "2026-W48", "--format", "json", "--out", output);

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal("", run.Stdout);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(output));
        Assert.Equal("2026-W48", json.RootElement.GetProperty("week").GetString());
        Assert.Equal("2026-11-23T00:00:00Z", json.RootElement.GetProperty("weekStart").GetString());
        Assert.Equal(2, json.RootElement.GetProperty("repositories").GetArrayLength());
    }

    [Fact]
    public async Task Html_is_a_self_contained_page()
    {
        var run = await CliRun.InProcessAsync("report", "--config", Config(), "--week", "2026-w48", "--format", "html");

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.StartsWith("<!DOCTYPE html>", run.Stdout, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("2026-W48", run.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-48")]
    [InlineData("2026-W54")]
    [InlineData("2025-W53")]    // 2025 has 52 ISO weeks
    [InlineData("last")]
    public async Task A_bad_week_is_a_usage_error(string week)
    {
        var run = await CliRun.InProcessAsync("report", "--config", Config(), "--week", week);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"refreshbot report: --week: expected an ISO week such as 2026-W48 (year, 'W', week 01-52 or 53), got '{week}'.", run.Stderr.Trim());
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public async Task An_unknown_format_is_a_usage_error()
    {
        var run = await CliRun.InProcessAsync("report", "--config", Config(), "--format", "pdf");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("pdf", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_writes_the_configured_html_page_and_reports_where()
    {
        var config = Config("digest:\n  html:\n    dir: pages\n");

        var run = await CliRun.InProcessAsync("report", "--config", config, "--week", "2026-W48", "--publish");

        Assert.True(run.ExitCode == 0, run.Stderr);
        var page = Path.Combine(_fleet.Root, "pages", DigestPageFolder.FileName(new IsoWeek(2026, 48)));
        Assert.Contains($"refreshbot report: 2026-W48 published to html: {page}", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("2026-W48", await File.ReadAllTextAsync(page), StringComparison.Ordinal);
        Assert.StartsWith("# RefreshBot weekly digest — 2026-W48", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_with_nothing_configured_is_a_config_error()
    {
        var run = await CliRun.InProcessAsync("report", "--config", Config(), "--publish");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--publish: the config has no digest: section", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_channel_makes_the_exit_code_1()
    {
        // A folder where the page should go is a file: the html channel fails, with its reason.
        _fleet.Write("pages", "not a folder\n");
        var run = await CliRun.InProcessAsync("report", "--config", Config("digest:\n  html:\n    dir: pages\n"), "--week", "2026-W48", "--publish");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("refreshbot report: 2026-W48 not published to html: ", run.Stderr, StringComparison.Ordinal);
    }

    private string Config(string extra = "") =>
        _fleet.Write("refreshbot.yaml", "storage:\n  dataDir: data\nrepositories:\n  - path: svc\n  - path: web\n" + extra);
}

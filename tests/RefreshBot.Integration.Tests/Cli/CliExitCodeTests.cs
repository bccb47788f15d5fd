using System.Text.Json;
using RefreshBot.Host.Cli;

namespace RefreshBot.Integration.Tests.Cli;

/// <summary>Exit codes and error messages: 0 when the check ran, 2 for usage or config errors, 1 when it could not run.</summary>
public sealed class CliExitCodeTests : IDisposable
{
    private readonly GitFleet _fleet = new();

    public void Dispose() => _fleet.Dispose();

    [Theory]
    [InlineData(new string[0], "Required command was not provided")]
    [InlineData(new[] { "check" }, "Required argument missing")]
    [InlineData(new[] { "check", ".", "--format", "xml" }, "xml")]
    [InlineData(new[] { "check", ".", "--platform", "linux" }, "--platform 'linux'")]
    [InlineData(new[] { "check", ".", "--no-such-option" }, "--no-such-option")]
    [InlineData(new[] { "frobnicate" }, "frobnicate")]
    [InlineData(new[] { "check", ".", "--no-cache", "--cache-dir", "/tmp" }, "--cache-dir and --no-cache cannot be used together")]
    public async Task Usage_errors_exit_2_with_the_problem_on_stderr(string[] args, string expected)
    {
        var run = await CliRun.InProcessAsync(args);

        Assert.True(run.ExitCode == ExitCodes.UsageOrConfig, run.ToString());
        Assert.Contains(expected, run.Stderr);
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public async Task A_folder_that_does_not_exist_is_a_usage_error()
    {
        var run = await CliRun.InProcessAsync("check", Path.Combine(_fleet.Root, "nope"));

        Assert.Equal(ExitCodes.UsageOrConfig, run.ExitCode);
        Assert.Contains("no such folder", run.Stderr);
    }

    [Fact]
    public async Task A_bad_config_exits_2_naming_file_line_and_column()
    {
        _fleet.Repository("app", ("Dockerfile", "FROM scratch\n"));
        var config = _fleet.Write("bad.yaml", "registries:\n  - host: registry.example\n    concurency: 4\n");

        var run = await CliRun.InProcessAsync("check", _fleet.Root, "--no-cache", "--config", config);

        Assert.Equal(ExitCodes.UsageOrConfig, run.ExitCode);
        Assert.Contains($"{config}:3:5: unknown key 'concurency' in a registry: expected one of host, insecure, username, password, concurrency", run.Stderr);
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public async Task A_missing_config_file_exits_2()
    {
        var run = await CliRun.InProcessAsync("check", _fleet.Root, "--no-cache", "--config", Path.Combine(_fleet.Root, "missing.yaml"));

        Assert.Equal(ExitCodes.UsageOrConfig, run.ExitCode);
        Assert.Contains("missing.yaml: config file not found", run.Stderr);
    }

    [Fact]
    public async Task Help_exits_0()
    {
        var run = await CliRun.InProcessAsync("check", "--help");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains("--platform", run.Stdout);
        Assert.Contains("--format", run.Stdout);
        Assert.Contains("--cache-dir", run.Stdout);
        Assert.Contains("--no-cache", run.Stdout);
    }

    [Fact]
    public async Task Output_that_cannot_be_written_exits_1()
    {
        _fleet.Repository("app", ("Dockerfile", "FROM scratch\n"));
        using var stderr = new StringWriter();

        var exitCode = await RefreshBotCli.RunAsync(["check", _fleet.Root, "--no-cache", "--log-level", "Fatal"], new BrokenWriter(), stderr);

        Assert.Equal(ExitCodes.Failure, exitCode);
        Assert.Contains("check could not run: disk full", stderr.ToString());
    }

    [Fact]
    public async Task As_a_process_stdout_carries_only_the_json_report_and_logs_go_to_stderr()
    {
        _fleet.Repository("app", ("Dockerfile", "FROM registry.invalid/team/app@sha256:" + new string('a', 64) + "\nFROM scratch\n"));

        var run = await CliRun.ProcessAsync($"check '{_fleet.Root}' --no-cache --format json --platform linux/arm64/v8 --log-format json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var image = run.Image("app/Dockerfile", 1);
        Assert.Equal("skipped", image.GetProperty("status").GetString());
        Assert.Equal("linux/arm64", image.GetProperty("platform").GetString());
        var logEvent = run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).First();
        using var log = JsonDocument.Parse(logEvent);
        Assert.True(log.RootElement.TryGetProperty("@mt", out _), logEvent);
    }

    [Fact]
    public async Task As_a_process_a_full_disk_on_stdout_exits_1()
    {
        _fleet.Repository("app", ("Dockerfile", "FROM scratch\n"));

        var run = await CliRun.ProcessAsync($"check '{_fleet.Root}' --no-cache --format json", redirect: "> /dev/full");

        Assert.True(run.ExitCode == ExitCodes.Failure, run.ToString());
        Assert.Contains("check could not run", run.Stderr);
    }

    private sealed class BrokenWriter : StringWriter
    {
        public override Task WriteAsync(ReadOnlyMemory<char> buffer, CancellationToken cancellationToken = default) =>
            throw new IOException("disk full");

        public override Task WriteLineAsync(ReadOnlyMemory<char> buffer, CancellationToken cancellationToken = default) =>
            throw new IOException("disk full");
    }
}

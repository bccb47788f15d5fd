using System.Diagnostics;
using Microsoft.Extensions.Logging;
using RefreshBot.Adapters.Vulnerabilities.Scanners;
using RefreshBot.Application.Evaluation.Ports;
using RefreshBot.Testing.Logging;

namespace RefreshBot.Integration.Tests.Vulnerabilities.Scanners;

/// <summary>
/// Running the scanner as a process. Neither Trivy nor Grype is installable here, so a small /bin/sh script stands in for
/// the executable: it records its arguments and environment and prints a real golden report.
/// </summary>
public sealed class ScannerJsonSourceTests : IDisposable
{
    private static readonly HashSet<string> ShellVariables = ["PATH", "HOME", "DOCKER_HOST", "PWD", "SHLVL", "_", "OLDPWD"];
    private readonly string _root = Directory.CreateTempSubdirectory("refreshbot-scanner-").FullName;
    private readonly CapturingLoggerProvider _logs = new();

    public void Dispose()
    {
        _logs.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task Trivy_stand_in_gets_the_image_arguments_a_cleared_environment_and_its_report_is_read()
    {
        var script = StandIn("trivy", $"cat '{ScannerSamples.Path("trivy-debian-buster-ignore-unfixed.json")}'");
        using var source = Source(ScannerKind.Trivy, script, TimeSpan.FromSeconds(30));

        var findings = await source.ScanAsync("sha256:0123abcd", CancellationToken.None);

        Assert.Equal("CVE-2019-18224", Assert.Single(findings).Id);
        Assert.Equal(["image", "--format", "json", "--quiet", "sha256:0123abcd"], File.ReadAllLines(Path.Combine(_root, "args")));
        var variables = File.ReadAllLines(Path.Combine(_root, "env")).Select(l => l.Split('=')[0]).ToList();
        Assert.Contains("HOME", variables);
        Assert.All(variables, v => Assert.Contains(v, ShellVariables));
        Assert.Contains(_logs.Lines, m => m.Contains("1 findings", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Grype_stand_in_gets_its_own_argument_order()
    {
        var script = StandIn("grype", $"cat '{ScannerSamples.Path("grype-image.json")}'");
        using var source = Source(ScannerKind.Grype, script, TimeSpan.FromSeconds(30));

        var findings = await source.ScanAsync("sha256:feed", CancellationToken.None);

        Assert.Equal(["CVE-1999-0002", "CVE-1999-0001"], findings.Select(f => f.Id));
        Assert.Equal(["sha256:feed", "-o", "json"], File.ReadAllLines(Path.Combine(_root, "args")));
    }

    [Fact]
    public async Task A_scanner_that_is_not_installed_is_a_clear_error()
    {
        using var source = Source(ScannerKind.Trivy, Path.Combine(_root, "no-such", "trivy"), TimeSpan.FromSeconds(30));

        var error = await Assert.ThrowsAsync<VulnerabilitySourceException>(() => source.ScanAsync("sha256:0123", CancellationToken.None));

        Assert.Equal(VulnerabilitySourceErrorKind.Invalid, error.Kind);
        Assert.Contains("trivy is not installed", error.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(_root, "no-such", "trivy"), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_scanner_that_hangs_is_killed_at_the_timeout()
    {
        var script = StandIn("trivy", "sleep 60");
        using var source = Source(ScannerKind.Trivy, script, TimeSpan.FromSeconds(1));
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<VulnerabilitySourceException>(() => source.ScanAsync("sha256:0123", CancellationToken.None));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
        Assert.Equal(VulnerabilitySourceErrorKind.Transient, error.Kind);
        Assert.Contains("timed out after 1 s", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_scanner_reports_its_exit_code_and_stderr()
    {
        var script = StandIn("grype", "echo 'failed to fetch db' >&2; exit 2");
        using var source = Source(ScannerKind.Grype, script, TimeSpan.FromSeconds(30));

        var error = await Assert.ThrowsAsync<VulnerabilitySourceException>(() => source.ScanAsync("sha256:0123", CancellationToken.None));

        Assert.Contains("exited with code 2 scanning sha256:0123: failed to fetch db", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Output_beyond_the_cap_is_an_error()
    {
        var script = StandIn("trivy", $"cat '{ScannerSamples.Path("trivy-alpine-310.json")}'");
        using var source = new ScannerJsonSource(
            new ScannerOptions(ScannerKind.Trivy, script, TimeSpan.FromSeconds(30), MaxOutputBytes: 1000), _logs.CreateLogger<ScannerJsonSource>());

        var error = await Assert.ThrowsAsync<VulnerabilitySourceException>(() => source.ScanAsync("sha256:0123", CancellationToken.None));

        Assert.Contains("larger than 1000 bytes", error.Message, StringComparison.Ordinal);
    }

    private ScannerJsonSource Source(ScannerKind kind, string executable, TimeSpan timeout)
        => new(new ScannerOptions(kind, executable, timeout), _logs.CreateLogger<ScannerJsonSource>());

    /// <summary>A /bin/sh script standing in for the scanner: records "$@" and env under the test folder, then runs <paramref name="body"/>.</summary>
    private string StandIn(string name, string body)
    {
        var path = Path.Combine(_root, name);
        File.WriteAllText(path, $"""
            #!/bin/sh
            for a in "$@"; do echo "$a"; done > '{_root}/args'
            env > '{_root}/env'
            {body}

            """);
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("the stand-in scanner is a POSIX shell script");
        }

        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }
}

namespace RefreshBot.Integration.Tests.Cli;

/// <summary>A malformed Dockerfile is reported with its file, line and severity; it never stops the others.</summary>
public sealed class CheckDiagnosticsTests : IDisposable
{
    private readonly GitFleet _fleet = new();

    public void Dispose() => _fleet.Dispose();

    private void WriteFleet()
    {
        _fleet.Repository(
            "broken",
            ("Dockerfile", "FROM $UNSET_BASE AS build\nRUN <<EOF\necho never closed\n"),
            ("flags.Dockerfile", "FROM ${BASE}\nCOPY --frobnicate=1 a b\n"));
    }

    [Fact]
    public async Task Json_lists_diagnostics_with_line_and_severity_and_still_reports_the_images()
    {
        WriteFleet();

        var run = await CliRun.InProcessAsync("check", _fleet.Root, "--format", "json", "--log-level", "Warning", "--no-cache");

        Assert.True(run.ExitCode == 0, run.ToString());
        var files = run.Json().GetProperty("dockerfiles").EnumerateArray().ToDictionary(d => d.GetProperty("path").GetString()!);
        var heredoc = Assert.Single(files["broken/Dockerfile"].GetProperty("diagnostics").EnumerateArray());
        Assert.Equal("error", heredoc.GetProperty("severity").GetString());
        Assert.Equal(2, heredoc.GetProperty("line").GetInt32());
        Assert.Contains("heredoc", heredoc.GetProperty("message").GetString(), StringComparison.OrdinalIgnoreCase);

        var skipped = Assert.Single(files["broken/Dockerfile"].GetProperty("images").EnumerateArray());
        Assert.Equal("skipped", skipped.GetProperty("status").GetString());
        Assert.Contains("UNSET_BASE", skipped.GetProperty("reason").GetString(), StringComparison.Ordinal);

        var flag = Assert.Single(files["broken/flags.Dockerfile"].GetProperty("diagnostics").EnumerateArray());
        Assert.Equal("warning", flag.GetProperty("severity").GetString());
        Assert.Equal(2, flag.GetProperty("line").GetInt32());
        Assert.Contains("frobnicate", flag.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Table_prints_diagnostics_compiler_style()
    {
        WriteFleet();

        var run = await CliRun.InProcessAsync("check", _fleet.Root, "--log-level", "Warning", "--no-cache");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("broken/Dockerfile:2: error: ", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("broken/flags.Dockerfile:2: warning: ", run.Stdout, StringComparison.Ordinal);
    }
}

using RefreshBot.Host.Cli;
using RefreshBot.Integration.Tests.Cli;

namespace RefreshBot.Integration.Tests.Vulnerabilities.Exports;

/// <summary><c>refreshbot vulnerabilities update</c> in-process, against the local export-bucket stand-in.</summary>
public sealed class VulnerabilitiesUpdateCliTests : IAsyncLifetime, IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("refreshbot-osvcli-").FullName;
    private ExportBucketStandIn _bucket = null!;

    public async Task InitializeAsync()
    {
        _bucket = await ExportBucketStandIn.StartAsync();
        _bucket.Publish("Debian", ExportBucketStandIn.ZipOf(OsvVectorFiles.Records("debian")), DateTimeOffset.UnixEpoch.AddYears(56));
        _bucket.Publish("Alpine", ExportBucketStandIn.ZipOf(OsvVectorFiles.Records("alpine")), DateTimeOffset.UnixEpoch.AddYears(56));
        _bucket.FailWith("Ubuntu", 503);
    }

    [Fact]
    public async Task Prints_a_line_per_ecosystem_and_exits_0_even_with_failures()
    {
        var config = Config("vulnerabilities:\n  osvDirectory: osv\n");
        string[] args = ["vulnerabilities", "update", "--config", config, "--base-url", _bucket.BaseUrl.AbsoluteUri,
            "--ecosystem", "Debian", "--ecosystem", "Alpine", "--ecosystem", "Ubuntu"];

        var first = await CliRun.InProcessAsync(args);
        var second = await CliRun.InProcessAsync(args);

        Assert.Equal(ExitCodes.Success, first.ExitCode);
        var lines = first.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Matches(@"^Debian: updated \(\d+ bytes\)$", lines[0]);
        Assert.Matches(@"^Alpine: updated \(\d+ bytes\)$", lines[1]);
        Assert.Equal("Ubuntu: failed: HTTP 503 Service Unavailable", lines[2]);
        Assert.True(File.Exists(Path.Combine(_root, "osv", "Debian", "all.zip")));
        Assert.Equal((ExitCodes.Success, "Debian: unchanged\nAlpine: unchanged\nUbuntu: failed: HTTP 503 Service Unavailable\n"),
            (second.ExitCode, second.Stdout.ReplaceLineEndings("\n")));
    }

    [Theory]
    [InlineData("git: {author: {name: bot, email: bot@example.com}}\n", new string[0], "no vulnerabilities.osvDirectory")]
    [InlineData("vulnerabilities: {osvDirectory: osv}\n", new[] { "--base-url", "ftp://example.com/" }, "--base-url: expected an http(s) URL")]
    [InlineData("vulnerabilities: {osvDirectory: osv}\n", new[] { "--ecosystem", "../etc" }, "'../etc' is not a folder name")]
    [InlineData("vulnerabilities: {osvDirectory: osv, nope: 1}\n", new string[0], "configuration error")]
    public async Task Usage_and_config_problems_exit_2(string yaml, string[] extra, string message)
    {
        var run = await CliRun.InProcessAsync(["vulnerabilities", "update", "--config", Config(yaml), .. extra]);

        Assert.Equal(ExitCodes.UsageOrConfig, run.ExitCode);
        Assert.Contains(message, run.Stderr, StringComparison.Ordinal);
        Assert.Empty(_bucket.Requests);
    }

    [Fact]
    public async Task A_zip_file_as_osv_directory_is_refused()
    {
        File.WriteAllBytes(Path.Combine(_root, "osv.zip"), ExportBucketStandIn.ZipOf(OsvVectorFiles.Records("debian")));
        var run = await CliRun.InProcessAsync(["vulnerabilities", "update", "--config", Config("vulnerabilities: {osvDirectory: osv.zip}\n")]);

        Assert.Equal(ExitCodes.UsageOrConfig, run.ExitCode);
        Assert.Contains("is a file", run.Stderr, StringComparison.Ordinal);
    }

    public async Task DisposeAsync() => await _bucket.DisposeAsync();

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Config(string yaml)
    {
        var path = Path.Combine(_root, "refreshbot.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }
}

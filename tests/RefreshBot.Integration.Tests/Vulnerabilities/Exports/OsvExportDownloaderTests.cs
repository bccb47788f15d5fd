using Microsoft.Extensions.Logging;
using RefreshBot.Adapters.Vulnerabilities;
using RefreshBot.Adapters.Vulnerabilities.Exports;
using RefreshBot.Domain.Packages;
using RefreshBot.Testing.Logging;

namespace RefreshBot.Integration.Tests.Vulnerabilities.Exports;

/// <summary>
/// The downloader against <see cref="ExportBucketStandIn"/> (a local stand-in for osv.dev's export bucket, which is
/// unreachable here) serving zips built from the OSV vector records.
/// </summary>
public sealed class OsvExportDownloaderTests : IAsyncLifetime, IDisposable
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 6, 0, 0, TimeSpan.Zero);
    private readonly string _root = Directory.CreateTempSubdirectory("refreshbot-osvdl-").FullName;
    private readonly CapturingLoggerProvider _logs = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private ExportBucketStandIn _bucket = null!;

    public async Task InitializeAsync()
    {
        _bucket = await ExportBucketStandIn.StartAsync();
        _bucket.Publish("Debian", ExportBucketStandIn.ZipOf(OsvVectorFiles.Records("debian")), Monday);
        _bucket.Publish("Alpine", ExportBucketStandIn.ZipOf(OsvVectorFiles.Records("alpine")), Monday);
        _bucket.Publish("Red Hat", ExportBucketStandIn.ZipOf(OsvVectorFiles.Records("redhat")), Monday);
    }

    [Fact]
    public async Task First_download_lays_out_what_the_directory_source_reads()
    {
        var results = await Downloader().DownloadAsync(_root, ["Debian", "Alpine", "Red Hat"], CancellationToken.None);

        Assert.All(results, r => Assert.Equal(DownloadOutcome.Updated, r.Outcome));
        Assert.Equal(ExportBucketStandIn.ZipOf(OsvVectorFiles.Records("redhat")), File.ReadAllBytes(Zip("Red Hat")));
        Assert.All(_bucket.Requests, r => Assert.Equal(("", ""), (r.IfNoneMatch, r.IfModifiedSince)));
        Assert.True(File.Exists(Zip("Debian") + ".validators"));

        var source = new OsvDirectorySource(_root, _logs.CreateLogger<OsvDirectorySource>());
        var debian = await source.FindAsync(OsvDirectorySourceTests.Inventory("debian", "9",
            new InstalledPackage("libssl1.1", "1.1.0l-1~deb9u1", PackageFormat.Dpkg, "openssl"),
            new InstalledPackage("tzdata", "2021a-0+deb9u1", PackageFormat.Dpkg)), CancellationToken.None);
        Assert.Equal(["DLA-3008-1", "DLA-3051-1"], debian.Select(f => f.Id));
        var alpine = await source.FindAsync(OsvDirectorySourceTests.Inventory("alpine", "3.20.3",
            new InstalledPackage("musl", "1.2.5-r0", PackageFormat.Apk, "musl")), CancellationToken.None);
        Assert.Equal("ALPINE-CVE-2025-26519", Assert.Single(alpine).Id);
        Assert.DoesNotContain("unreadable zip", _logs.AllText, StringComparison.Ordinal);
        Assert.Contains(" 0 unreadable", _logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Second_download_sends_the_validators_and_gets_304()
    {
        var first = await Downloader().DownloadAsync(_root, ["Debian"], CancellationToken.None);
        var etag = _bucket.Requests.Single().Status == 200 ? File.ReadAllLines(Zip("Debian") + ".validators")[0]["ETag: ".Length..] : "";
        var written = File.GetLastWriteTimeUtc(Zip("Debian"));

        var second = await Downloader().DownloadAsync(_root, ["Debian"], CancellationToken.None);

        Assert.Equal(DownloadOutcome.Updated, Assert.Single(first).Outcome);
        Assert.Equal(DownloadOutcome.Unchanged, Assert.Single(second).Outcome);
        var conditional = _bucket.Requests.Last();
        Assert.Equal((etag, "Mon, 23 Nov 2026 06:00:00 GMT", 304), (conditional.IfNoneMatch, conditional.IfModifiedSince, conditional.Status));
        Assert.StartsWith("\"", etag, StringComparison.Ordinal);
        Assert.Equal(written, File.GetLastWriteTimeUtc(Zip("Debian")));
    }

    [Fact]
    public async Task Changed_upstream_replaces_the_file_and_its_validators()
    {
        await Downloader().DownloadAsync(_root, ["Debian"], CancellationToken.None);
        var oldValidators = File.ReadAllText(Zip("Debian") + ".validators");
        var changed = ExportBucketStandIn.ZipOf(OsvVectorFiles.Records("ubuntu"));
        _bucket.Publish("Debian", changed, Monday.AddDays(1));

        var result = Assert.Single(await Downloader().DownloadAsync(_root, ["Debian"], CancellationToken.None));

        Assert.Equal((DownloadOutcome.Updated, (long)changed.Length), (result.Outcome, result.Bytes));
        Assert.Equal(changed, File.ReadAllBytes(Zip("Debian")));
        Assert.NotEqual(oldValidators, File.ReadAllText(Zip("Debian") + ".validators"));
        Assert.Contains("Tue, 24 Nov 2026 06:00:00 GMT", File.ReadAllText(Zip("Debian") + ".validators"), StringComparison.Ordinal);
        Assert.Equal(200, _bucket.Requests.Last().Status);
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("garbage")]
    public async Task A_bad_zip_keeps_the_previous_file_and_reports_it(string kind)
    {
        await Downloader().DownloadAsync(_root, ["Debian"], CancellationToken.None);
        var previous = File.ReadAllBytes(Zip("Debian"));
        var previousValidators = File.ReadAllText(Zip("Debian") + ".validators");
        var next = ExportBucketStandIn.ZipOf(OsvVectorFiles.Records("ubuntu"));
        _bucket.Publish("Debian", kind == "truncated" ? next[..(next.Length / 2)] : "<html>not a zip</html>"u8.ToArray(), Monday.AddDays(1));

        var result = Assert.Single(await Downloader().DownloadAsync(_root, ["Debian"], CancellationToken.None));

        Assert.Equal(DownloadOutcome.Failed, result.Outcome);
        Assert.StartsWith("not a readable zip: ", result.Reason, StringComparison.Ordinal);
        Assert.Equal(previous, File.ReadAllBytes(Zip("Debian")));
        Assert.Equal(previousValidators, File.ReadAllText(Zip("Debian") + ".validators"));
        Assert.Equal(["all.zip", "all.zip.validators"], Directory.GetFiles(Path.Combine(_root, "Debian")).Select(Path.GetFileName).Order());
        Assert.Contains("previous copy kept: not a readable zip", _logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_errors_and_an_unreachable_server_are_reported_per_ecosystem()
    {
        await Downloader().DownloadAsync(_root, ["Debian", "Alpine"], CancellationToken.None);
        var previous = File.ReadAllBytes(Zip("Debian"));
        _bucket.FailWith("Debian", 503);

        var results = await Downloader().DownloadAsync(_root, ["Debian", "Alpine", "Nowhere"], CancellationToken.None);

        Assert.Equal(
            [("Debian", DownloadOutcome.Failed, "HTTP 503 Service Unavailable"), ("Alpine", DownloadOutcome.Unchanged, null), ("Nowhere", DownloadOutcome.Failed, "HTTP 404 Not Found")],
            results.Select(r => (r.Ecosystem, r.Outcome, r.Reason)));
        Assert.Equal(previous, File.ReadAllBytes(Zip("Debian")));
        Assert.False(Directory.Exists(Path.Combine(_root, "Nowhere")) && Directory.EnumerateFiles(Path.Combine(_root, "Nowhere")).Any());

        var port = _bucket.BaseUrl.Port;
        await _bucket.DisposeAsync();
        var offline = new OsvExportDownloader(_http, OsvExportOptions.Default with { BaseUrl = new Uri($"http://127.0.0.1:{port}/") }, _logs.CreateLogger<OsvExportDownloader>());
        var down = Assert.Single(await offline.DownloadAsync(_root, ["Debian"], CancellationToken.None));
        Assert.Equal(DownloadOutcome.Failed, down.Outcome);
        Assert.StartsWith("unreachable: ", down.Reason, StringComparison.Ordinal);
        Assert.Equal(previous, File.ReadAllBytes(Zip("Debian")));
        _bucket = await ExportBucketStandIn.StartAsync();
    }

    [Fact]
    public async Task Over_the_size_cap_is_a_failure_not_a_file()
    {
        var capped = new OsvExportDownloader(_http, new OsvExportOptions(_bucket.BaseUrl, 100), _logs.CreateLogger<OsvExportDownloader>());

        var result = Assert.Single(await capped.DownloadAsync(_root, ["Debian"], CancellationToken.None));

        Assert.Equal(DownloadOutcome.Failed, result.Outcome);
        Assert.Contains("over the 100-byte limit", result.Reason, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(Path.Combine(_root, "Debian")));
    }

    [Fact]
    public async Task Names_that_would_leave_the_folder_are_refused_and_cancellation_is_honoured()
    {
        var results = await Downloader().DownloadAsync(_root, ["..", "a/b"], CancellationToken.None);
        Assert.All(results, r => Assert.Equal("not a valid ecosystem folder name", r.Reason));
        Assert.Empty(_bucket.Requests);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => Downloader().DownloadAsync(_root, ["Debian"], new CancellationToken(canceled: true)));
        Assert.False(File.Exists(Zip("Debian")));
    }

    [Fact]
    public void The_default_ecosystems_are_the_os_families_matched()
        => Assert.Equal(["Debian", "Ubuntu", "Alpine", "Red Hat", "Rocky Linux", "AlmaLinux"], OsvExportOptions.DefaultEcosystems);

    public async Task DisposeAsync() => await _bucket.DisposeAsync();

    public void Dispose()
    {
        _http.Dispose();
        _logs.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    private OsvExportDownloader Downloader()
        => new(_http, OsvExportOptions.Default with { BaseUrl = _bucket.BaseUrl }, _logs.CreateLogger<OsvExportDownloader>());

    private string Zip(string ecosystem) => Path.Combine(_root, ecosystem, "all.zip");
}

using Microsoft.Extensions.Logging;
using RefreshBot.Adapters.Vulnerabilities;
using RefreshBot.Application.Evaluation.Ports;
using RefreshBot.Domain.Packages;
using RefreshBot.Domain.Vulnerabilities.Severity;
using RefreshBot.Testing.Logging;

namespace RefreshBot.Integration.Tests.Vulnerabilities;

public sealed class OsvQueryBatchClientTests : IAsyncLifetime
{
    private readonly CapturingLoggerProvider _logs = new();
    private readonly HttpClient _http = new();
    private OsvApiStandIn _api = null!;

    public async Task InitializeAsync() => _api = await OsvApiStandIn.StartAsync();

    [Fact]
    public async Task Queries_by_origin_follows_pages_and_fetches_each_record_once()
    {
        var client = new OsvQueryBatchClient(_http, _api.BaseUrl, _logs.CreateLogger<OsvQueryBatchClient>());
        var findings = await client.FindAsync(OsvDirectorySourceTests.Inventory("alpine", "3.18.4",
            new InstalledPackage("musl", "1.1.22-r4", PackageFormat.Apk, "musl"),
            new InstalledPackage("musl-utils", "1.1.22-r4", PackageFormat.Apk, "musl"),
            new InstalledPackage("openssl", "3.1.7-r0", PackageFormat.Apk, "openssl"),
            new InstalledPackage("zlib", "1.2.13-r1", PackageFormat.Apk, "zlib")), CancellationToken.None);

        var musl = Assert.Single(findings); // the oracle's other ids for musl and openssl are records we do not hold
        Assert.Equal(("ALPINE-CVE-2025-26519", "musl", "1.1.22-r4", "1.2.4-r3"), (musl.Id, musl.Package, musl.InstalledVersion, musl.FixedVersion));
        Assert.Equal(SeverityLevel.High, musl.Severity);
        Assert.Equal(["musl", "musl-utils"], musl.BinaryPackages);
        Assert.Equal(["CVE-2025-26519"], musl.Aliases);

        var bodies = _api.QueryBodies.ToArray();
        Assert.Equal(2, bodies.Length); // the first page of musl carries only a next_page_token
        var queries = bodies[0]["queries"]!.AsArray();
        Assert.Equal(["musl", "openssl", "zlib"], queries.Select(q => q!["package"]!["name"]!.GetValue<string>()));
        Assert.All(queries, q => Assert.Equal("Alpine:v3.18", q!["package"]!["ecosystem"]!.GetValue<string>()));
        var again = Assert.Single(bodies[1]["queries"]!.AsArray())!;
        Assert.Equal(("musl", "1"), (again["package"]!["name"]!.GetValue<string>(), again["page_token"]!.GetValue<string>()));
        Assert.Equal(["POST /v1/querybatch", "POST /v1/querybatch", "GET /v1/vulns/ALPINE-CVE-2025-26519"], _api.Requests);
    }

    [Fact]
    public async Task Fixed_version_comes_from_the_release_entry()
    {
        var client = new OsvQueryBatchClient(_http, _api.BaseUrl, _logs.CreateLogger<OsvQueryBatchClient>());
        var v321 = await client.FindAsync(OsvDirectorySourceTests.Inventory("alpine", "3.21.0",
            new InstalledPackage("musl", "1.2.5-r8", PackageFormat.Apk)), CancellationToken.None);
        Assert.Equal("1.2.5-r9", Assert.Single(v321).FixedVersion);
        var v322 = await client.FindAsync(OsvDirectorySourceTests.Inventory("alpine", "3.22.1",
            new InstalledPackage("musl", "1.2.5-r10", PackageFormat.Apk)), CancellationToken.None);
        Assert.Empty(v322); // the API says the fixed version is not affected
    }

    [Theory]
    [InlineData(503, VulnerabilitySourceErrorKind.Transient)]
    [InlineData(429, VulnerabilitySourceErrorKind.Transient)]
    [InlineData(400, VulnerabilitySourceErrorKind.Invalid)]
    public async Task Http_failures_are_classified(int status, VulnerabilitySourceErrorKind kind)
    {
        _api.FailWith = status;
        var client = new OsvQueryBatchClient(_http, _api.BaseUrl, _logs.CreateLogger<OsvQueryBatchClient>());
        var error = await Assert.ThrowsAsync<VulnerabilitySourceException>(() => client.FindAsync(
            OsvDirectorySourceTests.Inventory("alpine", "3.20.0", new InstalledPackage("musl", "1.2.5-r0", PackageFormat.Apk)), CancellationToken.None));
        Assert.Equal(kind, error.Kind);
        Assert.Contains("/v1/querybatch", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unreachable_api_is_transient()
    {
        var port = _api.BaseUrl.Port;
        await _api.DisposeAsync();
        var client = new OsvQueryBatchClient(_http, new Uri($"http://127.0.0.1:{port}/"), _logs.CreateLogger<OsvQueryBatchClient>());
        var error = await Assert.ThrowsAsync<VulnerabilitySourceException>(() => client.FindAsync(
            OsvDirectorySourceTests.Inventory("alpine", "3.20.0", new InstalledPackage("musl", "1.2.5-r0", PackageFormat.Apk)), CancellationToken.None));
        Assert.Equal(VulnerabilitySourceErrorKind.Transient, error.Kind);
        _api = await OsvApiStandIn.StartAsync();
    }

    [Fact]
    public async Task Distribution_without_ecosystem_sends_nothing()
    {
        var client = new OsvQueryBatchClient(_http, _api.BaseUrl, _logs.CreateLogger<OsvQueryBatchClient>());
        Assert.Empty(await client.FindAsync(OsvDirectorySourceTests.Inventory("arch", "rolling", new InstalledPackage("x", "1", PackageFormat.Dpkg)), CancellationToken.None));
        Assert.Empty(_api.Requests);
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        _http.Dispose();
        _logs.Dispose();
    }
}

using RefreshBot.Testing.Proxy;
using RefreshBot.Testing.Registry;
using RefreshBot.Testing.Tokens;
using Xunit.Abstractions;

namespace RefreshBot.Integration.Tests.Faults;

/// <summary>
/// Faults of a registry (injected by the counting proxy, or the token server) that hit team/app's image only,
/// during a cycle over team/app and team/other (its own image on the same registry).
/// </summary>
public sealed class RegistryFaultTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly FaultyRegistryFleet _fleet = new(output.WriteLine);

    private CountingProxy Proxy => _fleet.World.Registry.Proxy;

    private string Host => _fleet.World.Registry.Host;

    public Task InitializeAsync() => _fleet.InitializeAsync();

    public Task DisposeAsync() => _fleet.DisposeAsync();

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [Fault("Registry", "500 on every request")]
    [Fault("Registry", "502 on every request")]
    [Fault("Registry", "503 on every request")]
    public async Task A_persistent_server_error_is_recorded_after_the_retries(int status)
    {
        Proxy.Inject(ProxyFault.ServerError(status), times: 100, pathContains: FaultyRegistryFleet.AppImagePath);

        var phrase = status switch { 500 => "Internal Server Error", 502 => "Bad Gateway", _ => "Service Unavailable" };
        await RecordedThenConvergesAsync($"HEAD manifest answered {status} {phrase}", "transient");
        Assert.True(Proxy.Requests.Count(r => r.Injected) >= 3, "retried before giving up");
    }

    [Fact]
    [Fault("Registry", "503 once")]
    public async Task A_single_503_is_retried_and_survived()
    {
        Proxy.Inject(ProxyFault.ServerError(503), pathContains: FaultyRegistryFleet.AppImagePath);

        var report = await _fleet.Check.RunAsync();

        Assert.Equal(0, Proxy.PendingFaults);
        await _fleet.Check.AssertSurvivedAsync(report);
    }

    [Fact]
    [Fault("Registry", "429 with a short Retry-After")]
    public async Task A_429_with_a_short_Retry_After_is_waited_out_and_survived()
    {
        Proxy.Inject(ProxyFault.TooManyRequests("1"), pathContains: FaultyRegistryFleet.AppImagePath);

        var report = await _fleet.Check.RunAsync();

        var requests = Proxy.Requests.Where(r => r.PathAndQuery.StartsWith(FaultyRegistryFleet.AppImagePath, StringComparison.Ordinal)).ToList();
        var limited = requests.FindIndex(r => r.Injected);
        Assert.True(limited >= 0 && limited + 1 < requests.Count, "the 429 was answered and asked again");
        Assert.True(requests[limited + 1].At - requests[limited].At >= TimeSpan.FromMilliseconds(900), "waited for Retry-After before asking again");
        await _fleet.Check.AssertSurvivedAsync(report);
    }

    [Fact]
    [Fault("Registry", "429 with Retry-After beyond the cap")]
    public async Task A_429_asking_for_a_longer_wait_than_the_cap_is_recorded_as_rate_limited()
    {
        Proxy.Inject(ProxyFault.TooManyRequests("3600"), times: 100, pathContains: FaultyRegistryFleet.AppImagePath);

        await RecordedThenConvergesAsync("rate limited", "429", "Retry-After 3600 s");
    }

    [Fact]
    [Fault("Registry", "429 without Retry-After")]
    public async Task A_persistent_429_without_Retry_After_is_recorded_after_backing_off() =>
        await RecordedThenConvergesAsync(() => Proxy.Inject(ProxyFault.TooManyRequests(), times: 100, pathContains: FaultyRegistryFleet.AppImagePath),
            "429", "Too Many Requests");

    [Fact]
    [Fault("Registry", "timeout (no answer at all)")]
    public async Task A_registry_that_never_answers_is_recorded_as_a_timeout() =>
        await RecordedThenConvergesAsync(() => Proxy.Inject(ProxyFault.Of(ProxyFaultMode.StallHeaders), times: 100, pathContains: FaultyRegistryFleet.AppImagePath),
            "no answer within 2 s");

    [Fact]
    [Fault("Registry", "one image never answers; another on the same registry")]
    public async Task A_stalled_image_does_not_put_its_registry_in_the_unreachable_cool_down()
    {
        // The DEFAULT cool-down (5m): only connection failures may start it, not one image's timeouts.
        _fleet.World.RegistryClient = "{requestTimeout: 2s, retries: 2}";
        // One repository at a time, team/app first: team/other's look-ups come after team/app's last timeout.
        _fleet.World.Concurrency = 1;
        Proxy.Inject(ProxyFault.Of(ProxyFaultMode.StallHeaders), times: 100, pathContains: FaultyRegistryFleet.AppImagePath);

        var report = await _fleet.Check.RunAsync();

        await _fleet.Check.AssertRecordedAsync(report, "team/app", Host, "team/base:1", "no answer within 2 s after 3 attempts");
        _fleet.Check.AssertOthersProceeded(report);
        var lastStall = Proxy.Requests.Where(r => r.Injected).Max(r => r.At);
        Assert.Contains(Proxy.Requests, r => r.PathAndQuery.StartsWith("/v2/team/otherbase/", StringComparison.Ordinal) && r.Status == 200 && r.At > lastStall);
        Assert.DoesNotContain(_fleet.World.Logs.Lines, line => line.Contains("unreachable (", StringComparison.Ordinal));
        Proxy.ClearFaults();
        await _fleet.Check.AssertConvergesAsync();
    }

    [Fact]
    [Fault("Registry", "stalled manifest body")]
    public async Task A_manifest_body_that_stalls_half_way_is_recorded_as_a_timeout() =>
        await BodyFaultRecordedThenConvergesAsync(() => Proxy.Inject(ProxyFault.Of(ProxyFaultMode.StallBody), times: 100, kind: RequestKind.GetManifest, pathContains: FaultyRegistryFleet.AppImagePath),
            "reading the manifest");

    [Fact]
    [Fault("Registry", "truncated manifest body")]
    public async Task A_manifest_body_cut_short_is_recorded() =>
        await BodyFaultRecordedThenConvergesAsync(() => Proxy.Inject(ProxyFault.Of(ProxyFaultMode.TruncateBody), times: 100, kind: RequestKind.GetManifest, pathContains: FaultyRegistryFleet.AppImagePath),
            "reading the manifest");

    [Fact]
    [Fault("Registry", "manifest bytes do not match the digest")]
    public async Task A_manifest_whose_bytes_do_not_match_its_digest_is_recorded() =>
        await BodyFaultRecordedThenConvergesAsync(() => Proxy.Inject(ProxyFault.Of(ProxyFaultMode.CorruptBody), times: 100, kind: RequestKind.GetManifest, pathContains: FaultyRegistryFleet.AppImagePath),
            "do not hash to sha256:");

    [Fact]
    [Fault("Registry", "oversized manifest")]
    public async Task An_oversized_manifest_is_refused_while_reading_and_recorded() =>
        await BodyFaultRecordedThenConvergesAsync(() => Proxy.Inject(ProxyFault.Of(ProxyFaultMode.OversizedBody, size: 5 * 1024 * 1024), times: 100, kind: RequestKind.GetManifest, pathContains: FaultyRegistryFleet.AppImagePath),
            "larger than the 4194304 byte limit");

    [Theory]
    [InlineData(500, """{"errors":[{"code":"UNAVAILABLE","message":"token service down"}]}""", "answered 500")]
    [InlineData(200, "{\"token\": <html>", "malformed JSON")]
    [Fault("Registry", "token endpoint answers 500")]
    [Fault("Registry", "token endpoint answers garbage JSON")]
    public async Task A_failing_token_endpoint_is_recorded_for_the_image_behind_it(int status, string body, string kind)
    {
        await using var tokens = await TokenServer.StartAsync(new TokenServerOptions
        {
            Users = new Dictionary<string, string> { ["pusher"] = "pusher-password-0000" },
            AllowAnonymousPull = true,
        });
        await using var registry = await ProxiedRegistry.StartAsync(new RegistryAuth.Token(tokens), "pusher", "pusher-password-0000");
        var old = (await registry.Pusher.PushImageAsync("team/base", "1")).Digest;
        await registry.Pusher.PushImageAsync("team/base", "1");
        await _fleet.PinAppAsync(registry.Host + "/team/base", old);
        tokens.Fail(status, body, times: 100);

        var report = await _fleet.Check.RunAsync();

        var reason = await _fleet.Check.AssertRecordedAsync(report, "team/app", registry.Host, "team/base:1", "token service " + tokens.Realm.Authority, kind);
        Assert.DoesNotContain("pusher-password", reason, StringComparison.Ordinal);
        _fleet.Check.AssertOthersProceeded(report);
        tokens.ClearFaults();
        await _fleet.Check.AssertConvergesAsync();
    }

    private Task RecordedThenConvergesAsync(params string[] reasonParts) => RecordedThenConvergesAsync(() => { }, reasonParts);

    /// <summary>
    /// Body faults need a GET: team/base:1 becomes a multi-platform index, which the bot reads by digest
    /// (a tag's HEAD has no body), so the reason names <c>team/base@sha256:…</c>.
    /// </summary>
    private async Task BodyFaultRecordedThenConvergesAsync(Action arm, params string[] reasonParts)
    {
        var index = await _fleet.World.Registry.Pusher.PushIndexAsync("team/base", "1", [Domain.Platforms.Platform.LinuxAmd64]);
        await RecordedThenConvergesAsync(arm, ["team/base@" + index.Digest, .. reasonParts]);
    }

    /// <summary>Arms the fault, runs a cycle: team/app recorded (host, image:tag, the parts), team/other proceeded; clears it: converges.</summary>
    private async Task RecordedThenConvergesAsync(Action arm, params string[] reasonParts)
    {
        arm();
        var report = await _fleet.Check.RunAsync();

        var image = reasonParts.Any(p => p.StartsWith("team/base@", StringComparison.Ordinal)) ? [] : new[] { "team/base:1" };
        await _fleet.Check.AssertRecordedAsync(report, "team/app", [Host, .. image, .. reasonParts]);
        Assert.Contains(Proxy.Requests, r => r.Injected);
        _fleet.Check.AssertOthersProceeded(report);
        Proxy.ClearFaults();
        await _fleet.Check.AssertConvergesAsync();
    }
}

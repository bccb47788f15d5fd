using RefreshBot.Domain.Platforms;
using RefreshBot.Domain.References;
using RefreshBot.Testing.Images;
using RefreshBot.Testing.Proxy;
using RefreshBot.Testing.Registry;

namespace RefreshBot.Integration.Tests.Cli;

/// <summary>
/// The manifest cache between checks, through the CLI against a real registry behind a counting proxy:
/// a second check over an unchanged fleet costs one HEAD per unique image:tag and nothing else.
/// Every test has its own cache folder.
/// </summary>
public sealed class CheckCacheTests : RegistryFleetTest
{
    private static readonly Platform Amd64 = Platform.LinuxAmd64;
    private static readonly Platform Arm64 = new("linux", "arm64");

    private readonly DirectoryInfo _cache = Directory.CreateTempSubdirectory("refreshbot-cache-");

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _cache.Delete(recursive: true);
    }

    [Fact]
    public async Task A_second_check_over_an_unchanged_fleet_costs_one_HEAD_per_tag_and_nothing_else()
    {
        var images = await PushFleetAsync();

        var first = await CheckAsync("--cache-dir", _cache.FullName);

        Assert.True(first.ExitCode == 0, first.ToString());
        AssertVerdicts(first, images);
        Assert.Equal(FiveTagHeads, TagHeads());
        Assert.Equal(
            Sorted($"/v2/team/sdk/manifests/{images.Sdk.Digest}",
                $"/v2/team/base/manifests/{images.BaseNew.Digest}", $"/v2/team/base/manifests/{images.BaseOld.Digest}",
                $"/v2/team/runtime/manifests/{images.RuntimeNew.Digest}", $"/v2/team/runtime/manifests/{images.RuntimeOld.Digest}",
                $"/v2/team/lib/manifests/{images.LibNew.Digest}"),
            Gets());
        Assert.Equal(
            Sorted($"/v2/team/base/manifests/{images.BaseOld.Digest}", $"/v2/team/runtime/manifests/{images.RuntimeOld.Digest}",
                $"/v2/team/lib/manifests/{images.LibOld.For(Amd64).Digest}"),
            DigestHeads());
        // The cache holds the registry's bytes exactly, named by their digest.
        Assert.Equal(images.BaseOld.Index.Content, File.ReadAllBytes(CachedManifest(images.BaseOld.Digest)));

        Registry.Proxy.ResetCounts();
        var second = await CheckAsync("--cache-dir", _cache.FullName);

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal(first.Stdout, second.Stdout);
        Assert.Equal(FiveTagHeads, TagHeads());
        Assert.Equal(5, Registry.Proxy.Total); // no GET, no digest HEAD, nothing else
    }

    [Fact]
    public async Task A_tag_moved_between_checks_fetches_only_the_new_index()
    {
        var images = await PushFleetAsync();
        var first = await CheckAsync("--cache-dir", _cache.FullName);
        Assert.True(first.ExitCode == 0, first.ToString());

        var baseNewest = await Registry.Pusher.PushIndexAsync("team/base", "1", [Amd64, Arm64]);
        var nodeNewest = await Registry.Pusher.PushIndexAsync("team/node", "22", [Amd64, Arm64]);
        Registry.Proxy.ResetCounts();
        var second = await CheckAsync("--cache-dir", _cache.FullName);

        Assert.True(second.ExitCode == 0, second.ToString());
        var stale = second.Image("app/Dockerfile", 2);
        Assert.Equal("outdated", stale.GetProperty("status").GetString());
        Assert.Equal(images.BaseOld.Digest.ToString(), stale.GetProperty("pinnedDigest").GetString());
        Assert.Equal(baseNewest.Digest.ToString(), stale.GetProperty("currentDigest").GetString());
        Assert.Equal(baseNewest.For(Amd64).Digest.ToString(), stale.GetProperty("platformDigest").GetString());
        Assert.Equal(nodeNewest.Digest.ToString(), second.Image("app/Dockerfile", 1).GetProperty("currentDigest").GetString());
        Assert.Equal(FiveTagHeads, TagHeads());
        Assert.Equal([$"/v2/team/base/manifests/{baseNewest.Digest}"], Gets());
        Assert.Empty(DigestHeads());
        Assert.Equal(6, Registry.Proxy.Total);
    }

    [Fact]
    public async Task A_corrupted_cache_file_is_detected_refetched_and_repaired()
    {
        var images = await PushFleetAsync();
        var first = await CheckAsync("--cache-dir", _cache.FullName);
        Assert.True(first.ExitCode == 0, first.ToString());

        var cached = CachedManifest(images.BaseOld.Digest);
        var bytes = File.ReadAllBytes(cached);
        bytes[bytes.Length / 2] ^= 0x01;
        File.WriteAllBytes(cached, bytes);
        Registry.Proxy.ResetCounts();
        var second = await CliRun.ProcessAsync(Arguments($"--cache-dir '{_cache.FullName}'")); // a process, for its log on stderr

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal(first.Stdout, second.Stdout);
        Assert.Equal([$"/v2/team/base/manifests/{images.BaseOld.Digest}"], Gets());
        Assert.Empty(DigestHeads());
        Assert.Contains("Discarded the cached " + images.BaseOld.Digest, second.Stderr, StringComparison.Ordinal);
        Assert.Equal(images.BaseOld.Index.Content, File.ReadAllBytes(cached));
    }

    [Fact]
    public async Task No_cache_asks_the_registry_for_everything_every_time_and_writes_nothing()
    {
        var images = await PushFleetAsync();
        var folder = Path.Combine(_cache.FullName, "from-environment");
        var environment = new Dictionary<string, string> { [Host.Cli.CacheFolder.EnvironmentVariable] = folder };

        var first = await CliRun.ProcessAsync(Arguments("--no-cache"), environment: environment);
        Assert.True(first.ExitCode == 0, first.ToString());
        AssertVerdicts(first, images);
        var firstRequests = AllRequests();
        Registry.Proxy.ResetCounts();
        var second = await CliRun.ProcessAsync(Arguments("--no-cache"), environment: environment);

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal(first.Stdout, second.Stdout);
        Assert.Equal(6, Gets().Count);
        Assert.Equal(firstRequests, AllRequests());
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public async Task The_cache_folder_defaults_to_REFRESHBOT_CACHE_DIR()
    {
        var images = await PushFleetAsync();
        var folder = Path.Combine(_cache.FullName, "from-environment");
        var environment = new Dictionary<string, string> { [Host.Cli.CacheFolder.EnvironmentVariable] = folder };

        var first = await CliRun.ProcessAsync(Arguments(), environment: environment);
        Assert.True(first.ExitCode == 0, first.ToString());
        Registry.Proxy.ResetCounts();
        var second = await CliRun.ProcessAsync(Arguments(), environment: environment);

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal(first.Stdout, second.Stdout);
        Assert.True(File.Exists(Path.Combine(folder, "manifests", "sha256", images.Sdk.Digest.Encoded)));
        Assert.Equal(FiveTagHeads, TagHeads());
        Assert.Equal(5, Registry.Proxy.Total);
    }

    [Fact]
    public async Task A_cache_folder_that_cannot_be_created_is_a_warning_not_a_failure()
    {
        var images = await PushFleetAsync();
        var blocker = Path.Combine(_cache.FullName, "a-file");
        File.WriteAllText(blocker, "not a folder");
        var environment = new Dictionary<string, string> { [Host.Cli.CacheFolder.EnvironmentVariable] = Path.Combine(blocker, "cache") };

        var run = await CliRun.ProcessAsync(Arguments(), environment: environment);

        Assert.True(run.ExitCode == 0, run.ToString());
        AssertVerdicts(run, images);
        Assert.Contains("Cannot use the cache folder", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("checking without a cache", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(6, Gets().Count);
    }

    private static readonly string[] FiveTagHeads =
    [
        "/v2/team/base/manifests/1", "/v2/team/lib/manifests/1", "/v2/team/node/manifests/22",
        "/v2/team/runtime/manifests/2", "/v2/team/sdk/manifests/8",
    ];

    /// <summary>
    /// One repository with: an unpinned multi-arch tag, a stale pin to an index, index churn, a current pin to a
    /// platform manifest, a stale pin to a platform manifest, and a repeated reference (shared lookups).
    /// </summary>
    private async Task<FleetImages> PushFleetAsync()
    {
        var node = await Registry.Pusher.PushIndexAsync("team/node", "22", [Amd64, Arm64]);
        var baseOld = await Registry.Pusher.PushIndexAsync("team/base", "1", [Amd64, Arm64]);
        var baseNew = await Registry.Pusher.PushIndexAsync("team/base", "1", [Amd64, Arm64]);
        var runtimeOld = await Registry.Pusher.PushIndexAsync("team/runtime", "2", [Amd64, Arm64]);
        var runtimeNew = await Registry.Pusher.PushIndexChurnAsync("team/runtime", "2", runtimeOld, keep: Amd64);
        var sdk = await Registry.Pusher.PushIndexAsync("team/sdk", "8", [Amd64, Arm64]);
        var libOld = await Registry.Pusher.PushIndexAsync("team/lib", "1", [Amd64, Arm64]);
        var libNew = await Registry.Pusher.PushIndexAsync("team/lib", "1", [Amd64, Arm64]);
        var registry = Registry.Host;
        Fleet.Repository("app", ("Dockerfile", $"""
            FROM {registry}/team/node:22 AS deps
            FROM {registry}/team/base:1@{baseOld.Digest} AS build
            FROM {registry}/team/runtime:2@{runtimeOld.Digest} AS runtime
            FROM {registry}/team/sdk:8@{sdk.For(Amd64).Digest} AS sdk
            FROM {registry}/team/lib:1@{libOld.For(Amd64).Digest} AS lib
            FROM {registry}/team/base:1@{baseOld.Digest}

            """));
        return new FleetImages(node, baseOld, baseNew, runtimeOld, runtimeNew, sdk, libOld, libNew);
    }

    private static void AssertVerdicts(CliRun run, FleetImages images)
    {
        (int Line, string Status, Digest Current)[] expected =
        [
            (1, "unpinned", images.Node.Digest),
            (2, "outdated", images.BaseNew.Digest),
            (3, "up-to-date", images.RuntimeNew.Digest),
            (4, "up-to-date", images.Sdk.For(Amd64).Digest),
            (5, "outdated", images.LibNew.For(Amd64).Digest),
            (6, "outdated", images.BaseNew.Digest),
        ];
        foreach (var (line, status, current) in expected)
        {
            var image = run.Image("app/Dockerfile", line);
            Assert.Equal(status, image.GetProperty("status").GetString());
            Assert.Equal(current.ToString(), image.GetProperty("currentDigest").GetString());
        }

        Assert.True(run.Image("app/Dockerfile", 3).GetProperty("indexOnly").GetBoolean());
    }

    private Task<CliRun> CheckAsync(params string[] cacheArguments) =>
        CliRun.InProcessAsync(["check", Fleet.Root, .. cacheArguments, "--format", "json", "--log-level", "Warning"]);

    private string Arguments(string extra = "") => $"check '{Fleet.Root}' {extra} --format json --log-level Warning";

    private string CachedManifest(Digest digest) => Path.Combine(_cache.FullName, "manifests", digest.Algorithm, digest.Encoded);

    private List<string> TagHeads() => Sorted(Registry.Proxy.Requests
        .Where(r => r.Kind == RequestKind.HeadManifest && !r.PathAndQuery.Contains("/manifests/sha256:", StringComparison.Ordinal))
        .Select(r => r.PathAndQuery).ToArray());

    private List<string> DigestHeads() => Sorted(Registry.Proxy.Requests
        .Where(r => r.Kind == RequestKind.HeadManifest && r.PathAndQuery.Contains("/manifests/sha256:", StringComparison.Ordinal))
        .Select(r => r.PathAndQuery).ToArray());

    private List<string> Gets() => Sorted(Registry.Proxy.Requests.Where(r => r.Kind == RequestKind.GetManifest).Select(r => r.PathAndQuery).ToArray());

    private List<string> AllRequests() => Sorted(Registry.Proxy.Requests.Select(r => r.Method + " " + r.PathAndQuery).ToArray());

    private static List<string> Sorted(params string[] items) => items.Order(StringComparer.Ordinal).ToList();

    private sealed record FleetImages(
        PushedIndex Node, PushedIndex BaseOld, PushedIndex BaseNew, PushedIndex RuntimeOld, PushedIndex RuntimeNew,
        PushedIndex Sdk, PushedIndex LibOld, PushedIndex LibNew);
}

using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using RefreshBot.Adapters.Caching;
using RefreshBot.Application.Ports;
using RefreshBot.Domain.Manifests;
using RefreshBot.Domain.References;
using RefreshBot.Testing.Logging;

namespace RefreshBot.Integration.Tests.Caching;

/// <summary><see cref="FileManifestCache"/> on the real file system: layout, verification, size cap, expiry, atomicity, unusable folders.</summary>
public sealed class FileManifestCacheTests : IDisposable
{
    private const string IndexType = "application/vnd.oci.image.index.v1+json";
    private const string ManifestType = "application/vnd.oci.image.manifest.v1+json";

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("refreshbot-cache-unit-");
    private readonly CapturingLoggerProvider _logs = new();
    private readonly SettableTime _time = new(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero));

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public async Task A_manifest_round_trips_as_the_exact_bytes_named_by_their_digest()
    {
        var cache = Open();
        var manifest = Manifest("""{"schemaVersion":2,"manifests":[]}""");

        await cache.PutManifestAsync(manifest, default);
        var read = await Open().GetManifestAsync(manifest.Descriptor.Digest, default);

        Assert.NotNull(read);
        Assert.Equal(manifest.Descriptor, read.Descriptor);
        Assert.Equal(manifest.Content.ToArray(), read.Content.ToArray());
        var file = Path.Combine(_root.FullName, "manifests", "sha256", manifest.Descriptor.Digest.Encoded);
        Assert.True(manifest.Descriptor.Digest.Matches(File.ReadAllBytes(file)));
        using var metadata = JsonDocument.Parse(File.ReadAllBytes(file + ".json"));
        Assert.Equal(IndexType, metadata.RootElement.GetProperty("mediaType").GetString());
        Assert.Empty(Directory.EnumerateFiles(_root.FullName, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task An_unknown_digest_is_a_miss()
    {
        Assert.Null(await Open().GetManifestAsync(Digest.Sha256Of("nothing"u8), default));
        Assert.Null(await Open().GetPinnedAsync("r.example", "team/app", Digest.Sha256Of("nothing"u8), default));
    }

    [Fact]
    public async Task A_flipped_byte_is_a_miss_the_entry_is_deleted_and_a_warning_logged()
    {
        var cache = Open();
        var manifest = Manifest("""{"schemaVersion":2,"manifests":[{"digest":"x"}]}""");
        await cache.PutManifestAsync(manifest, default);
        var file = cache.ManifestPath(manifest.Descriptor.Digest);
        var bytes = File.ReadAllBytes(file);
        bytes[3] ^= 0x20;
        File.WriteAllBytes(file, bytes);

        Assert.Null(await cache.GetManifestAsync(manifest.Descriptor.Digest, default));

        Assert.False(File.Exists(file));
        Assert.False(File.Exists(file + ".json"));
        Assert.Contains(_logs.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal)
            && l.Contains("do not hash to their digest", StringComparison.Ordinal) && l.Contains(manifest.Descriptor.Digest.ToString(), StringComparison.Ordinal));
        await cache.PutManifestAsync(manifest, default);
        Assert.NotNull(await cache.GetManifestAsync(manifest.Descriptor.Digest, default));
    }

    [Fact]
    public async Task Unreadable_metadata_is_a_miss_and_is_deleted()
    {
        var cache = Open();
        var manifest = Manifest("""{"schemaVersion":2}""");
        await cache.PutManifestAsync(manifest, default);
        var metadata = cache.ManifestPath(manifest.Descriptor.Digest) + ".json";
        File.WriteAllText(metadata, "{\"mediaType\":");

        Assert.Null(await cache.GetManifestAsync(manifest.Descriptor.Digest, default));
        Assert.False(File.Exists(metadata));
        Assert.Contains(_logs.Lines, l => l.Contains("unreadable metadata", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Entries_over_the_size_cap_are_neither_written_nor_read()
    {
        var small = Open(maxEntryBytes: 1024);
        var big = Manifest("{\"padding\":\"" + new string('x', 2000) + "\"}");

        await small.PutManifestAsync(big, default);
        Assert.False(File.Exists(small.ManifestPath(big.Descriptor.Digest)));

        // Written by a process with a larger cap, read by one with a smaller cap: a miss, and deleted.
        await Open().PutManifestAsync(big, default);
        Assert.Null(await small.GetManifestAsync(big.Descriptor.Digest, default));
        Assert.False(File.Exists(small.ManifestPath(big.Descriptor.Digest)));
        Assert.Contains(_logs.Lines, l => l.Contains("larger than the 1024 byte limit", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bytes_that_do_not_match_their_digest_are_not_kept()
    {
        var cache = Open();
        var liar = new FetchedManifest(new ManifestDescriptor(Digest.Sha256Of("other"u8), IndexType, 5), "bytes"u8.ToArray());

        await cache.PutManifestAsync(liar, default);

        Assert.False(File.Exists(cache.ManifestPath(liar.Descriptor.Digest)));
    }

    [Fact]
    public async Task A_pinned_descriptor_is_scoped_to_its_registry_and_repository_and_expires()
    {
        var cache = Open();
        var digest = Digest.Sha256Of("pinned"u8);
        var descriptor = new ManifestDescriptor(digest, ManifestType, 428);

        await cache.PutPinnedAsync("r.example", "team/app", descriptor, default);

        Assert.Equal(descriptor, await Open().GetPinnedAsync("r.example", "team/app", digest, default));
        Assert.Null(await cache.GetPinnedAsync("r.example", "team/other", digest, default));
        Assert.Null(await cache.GetPinnedAsync("mirror.example", "team/app", digest, default));
        _time.Now += TimeSpan.FromHours(23);
        Assert.NotNull(await cache.GetPinnedAsync("r.example", "team/app", digest, default));
        _time.Now += TimeSpan.FromHours(2);
        Assert.Null(await cache.GetPinnedAsync("r.example", "team/app", digest, default));
        await cache.PutPinnedAsync("r.example", "team/app", descriptor, default);
        Assert.NotNull(await cache.GetPinnedAsync("r.example", "team/app", digest, default));
    }

    [Fact]
    public async Task A_pinned_entry_that_does_not_match_its_key_is_a_miss_and_is_deleted()
    {
        var cache = Open();
        var digest = Digest.Sha256Of("pinned"u8);
        await cache.PutPinnedAsync("r.example", "team/app", new ManifestDescriptor(digest, ManifestType, 1), default);
        var path = cache.PinnedPath("r.example", "team/app", digest);
        File.WriteAllText(path, File.ReadAllText(path).Replace("team/app", "team/evil", StringComparison.Ordinal));

        Assert.Null(await cache.GetPinnedAsync("r.example", "team/app", digest, default));
        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task Concurrent_rewrites_never_show_a_reader_a_missing_or_partial_file()
    {
        var manifest = Manifest("{\"layers\":\"" + new string('y', 300_000) + "\"}");
        var caches = Enumerable.Range(0, 4).Select(_ => Open()).ToArray();
        await caches[0].PutManifestAsync(manifest, default);

        var readerStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var writers = caches.Select(c => Task.Run(async () =>
        {
            await readerStarted.Task;
            for (var i = 0; i < 20; i++)
            {
                await c.PutManifestAsync(manifest, default);
            }
        })).ToArray();
        var reads = 0;
        var readers = caches.Select(c => Task.Run(async () =>
        {
            do
            {
                var read = await c.GetManifestAsync(manifest.Descriptor.Digest, default);
                Assert.NotNull(read);
                Assert.Equal(manifest.Content.Length, read.Content.Length);
                Interlocked.Increment(ref reads);
                readerStarted.TrySetResult();
            }
            while (!writers.All(w => w.IsCompleted));
        }));
        await Task.WhenAll(writers.Concat(readers));

        Assert.DoesNotContain(_logs.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal));
        Assert.True(reads >= caches.Length);
        Assert.Empty(Directory.EnumerateFiles(_root.FullName, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void A_folder_that_cannot_be_created_gives_no_cache_and_a_warning()
    {
        var blocker = Path.Combine(_root.FullName, "a-file");
        File.WriteAllText(blocker, "not a folder");

        var cache = FileManifestCache.Open(
            new FileManifestCacheOptions { Directory = Path.Combine(blocker, "cache") }, _time, new Logger<FileManifestCache>(_logs));

        Assert.Null(cache);
        Assert.Contains(_logs.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("Cannot use the cache folder", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Write_failures_never_throw_are_misses_and_warn_once()
    {
        var cache = Open();
        File.WriteAllText(Path.Combine(_root.FullName, "manifests"), "in the way");
        File.WriteAllText(Path.Combine(_root.FullName, "pins"), "in the way");
        var manifest = Manifest("""{"schemaVersion":2}""");
        var digest = manifest.Descriptor.Digest;

        await cache.PutManifestAsync(manifest, default);
        await cache.PutPinnedAsync("r.example", "team/app", manifest.Descriptor, default);

        Assert.Null(await cache.GetManifestAsync(digest, default));
        Assert.Null(await cache.GetPinnedAsync("r.example", "team/app", digest, default));
        Assert.Single(_logs.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("Cannot write", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Cancellation_is_honoured()
    {
        var cache = Open();
        var manifest = Manifest("""{"schemaVersion":2}""");
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cache.PutManifestAsync(manifest, cancelled.Token));
        Assert.Empty(Directory.EnumerateFiles(_root.FullName, "*", SearchOption.AllDirectories));
    }

    private FileManifestCache Open(long maxEntryBytes = 4 * 1024 * 1024) =>
        FileManifestCache.Open(
            new FileManifestCacheOptions { Directory = _root.FullName, MaxEntryBytes = maxEntryBytes },
            _time,
            new Logger<FileManifestCache>(_logs)) ?? throw new InvalidOperationException("cache folder unusable");

    private static FetchedManifest Manifest(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        return new FetchedManifest(new ManifestDescriptor(Digest.Sha256Of(bytes), IndexType, bytes.LongLength), bytes);
    }

    private sealed class SettableTime(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}

using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using RefreshBot.Application.Check.Ports;
using RefreshBot.Application.Ports;
using RefreshBot.Domain.Manifests;
using RefreshBot.Domain.References;

namespace RefreshBot.Adapters.Caching;

/// <summary>
/// <see cref="IManifestCache"/> in a folder, shared safely by concurrent processes:
/// <list type="bullet">
/// <item><c>manifests/&lt;algorithm&gt;/&lt;encoded&gt;</c>: the manifest bytes exactly as the registry sent them (so
///   <c>sha256sum</c> of the file is its name), and <c>&lt;encoded&gt;.json</c> next to it: media type and size.
///   Written bytes first, metadata last; read metadata first, so a visible entry always has its bytes.</item>
/// <item><c>pins/sha256/&lt;sha256 of registry/repository@digest&gt;.json</c>: a HEAD of a pinned digest, with
///   the key fields and when it was checked.</item>
/// </list>
/// Every file is written atomically (temporary file + rename). Bytes are re-verified against their digest on
/// every read: a corrupted or oversized entry is a miss, logged and deleted. No I/O problem ever throws.
/// </summary>
public sealed partial class FileManifestCache : IManifestCache
{
    private const string MetadataSuffix = ".json";

    private readonly FileManifestCacheOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<FileManifestCache> _logger;
    private int _writeProblemsLogged;

    private FileManifestCache(FileManifestCacheOptions options, TimeProvider time, ILogger<FileManifestCache> logger)
    {
        _options = options;
        _time = time;
        _logger = logger;
    }

    public string Directory => _options.Directory;

    /// <summary>
    /// The cache in <see cref="FileManifestCacheOptions.Directory"/>, created when missing; null (with a warning)
    /// when the folder cannot be created or written.
    /// </summary>
    public static FileManifestCache? Open(FileManifestCacheOptions options, TimeProvider time, ILogger<FileManifestCache> logger)
    {
        try
        {
            var folder = Path.GetFullPath(options.Directory);
            if (OperatingSystem.IsWindows())
            {
                System.IO.Directory.CreateDirectory(folder);
            }
            else
            {
                System.IO.Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            var probe = Path.Combine(folder, "." + Guid.NewGuid().ToString("N") + ".probe");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
            return new FileManifestCache(options with { Directory = folder }, time, logger);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            LogUnusable(logger, options.Directory, e.Message);
            return null;
        }
    }

    public async Task<FetchedManifest?> GetManifestAsync(Digest digest, CancellationToken cancellationToken)
    {
        var blob = ManifestPath(digest);
        var metadata = blob + MetadataSuffix;
        try
        {
            if (!File.Exists(metadata))
            {
                return null;
            }

            var entry = JsonSerializer.Deserialize(await File.ReadAllBytesAsync(metadata, cancellationToken).ConfigureAwait(false), CacheEntryJson.Default.ManifestEntry);
            var length = new FileInfo(blob) is { Exists: true } info ? info.Length : -1;
            var problem = entry is null || string.IsNullOrWhiteSpace(entry.MediaType) ? "unreadable metadata"
                : length < 0 ? "the manifest file is missing"
                : length > _options.MaxEntryBytes ? $"larger than the {_options.MaxEntryBytes} byte limit"
                : null;
            if (problem is null)
            {
                var content = await File.ReadAllBytesAsync(blob, cancellationToken).ConfigureAwait(false);
                if (digest.Matches(content))
                {
                    return new FetchedManifest(new ManifestDescriptor(digest, entry!.MediaType, content.LongLength), content);
                }

                problem = "the bytes do not hash to their digest";
            }

            LogDiscarded(_logger, digest.ToString(), problem);
            AtomicFile.TryDelete(metadata);
            AtomicFile.TryDelete(blob);
            return null;
        }
        catch (JsonException e)
        {
            LogDiscarded(_logger, digest.ToString(), "unreadable metadata: " + e.Message);
            AtomicFile.TryDelete(metadata);
            AtomicFile.TryDelete(blob);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogReadProblem(_logger, digest.ToString(), e.Message);
            return null;
        }
    }

    public async Task PutManifestAsync(FetchedManifest manifest, CancellationToken cancellationToken)
    {
        var digest = manifest.Descriptor.Digest;
        if (manifest.Content.Length > _options.MaxEntryBytes || !digest.Matches(manifest.Content.Span))
        {
            LogNotKept(_logger, digest.ToString());
            return;
        }

        var blob = ManifestPath(digest);
        var metadata = JsonSerializer.SerializeToUtf8Bytes(
            new ManifestEntry(manifest.Descriptor.MediaType, manifest.Content.Length), CacheEntryJson.Default.ManifestEntry);
        await WriteAsync(digest.ToString(), async () =>
        {
            await AtomicFile.WriteAsync(blob, manifest.Content, cancellationToken).ConfigureAwait(false);
            await AtomicFile.WriteAsync(blob + MetadataSuffix, metadata, cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    public async Task<ManifestDescriptor?> GetPinnedAsync(string registry, string repository, Digest digest, CancellationToken cancellationToken)
    {
        var path = PinnedPath(registry, repository, digest);
        try
        {
            if (!File.Exists(path))
            {
                return null;
            }

            var entry = JsonSerializer.Deserialize(await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false), CacheEntryJson.Default.PinnedEntry);
            if (entry is null || entry.Registry != registry || entry.Repository != repository || entry.Digest != digest.ToString()
                || string.IsNullOrWhiteSpace(entry.MediaType))
            {
                LogDiscarded(_logger, $"{registry}/{repository}@{digest}", "a pinned entry that does not match its key");
                AtomicFile.TryDelete(path);
                return null;
            }

            var age = _time.GetUtcNow() - entry.CheckedAt;
            return age < TimeSpan.Zero || age > _options.PinnedMaxAge
                ? null
                : new ManifestDescriptor(digest, entry.MediaType, entry.Size);
        }
        catch (JsonException e)
        {
            LogDiscarded(_logger, $"{registry}/{repository}@{digest}", "unreadable pinned entry: " + e.Message);
            AtomicFile.TryDelete(path);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogReadProblem(_logger, $"{registry}/{repository}@{digest}", e.Message);
            return null;
        }
    }

    public Task PutPinnedAsync(string registry, string repository, ManifestDescriptor descriptor, CancellationToken cancellationToken)
    {
        var entry = new PinnedEntry(registry, repository, descriptor.Digest.ToString(), descriptor.MediaType, descriptor.Size, _time.GetUtcNow());
        var content = JsonSerializer.SerializeToUtf8Bytes(entry, CacheEntryJson.Default.PinnedEntry);
        return WriteAsync(
            $"{registry}/{repository}@{descriptor.Digest}",
            () => AtomicFile.WriteAsync(PinnedPath(registry, repository, descriptor.Digest), content, cancellationToken));
    }

    /// <summary>The file of the manifest with <paramref name="digest"/> (its metadata is this path + <c>.json</c>).</summary>
    public string ManifestPath(Digest digest) => Path.Combine(_options.Directory, "manifests", digest.Algorithm, digest.Encoded);

    /// <summary>The file of a pinned descriptor: named by a hash of its key, so any registry or repository name is a safe file name.</summary>
    public string PinnedPath(string registry, string repository, Digest digest)
    {
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{registry}/{repository}@{digest}")));
        return Path.Combine(_options.Directory, "pins", Digest.Sha256, key + MetadataSuffix);
    }

    private async Task WriteAsync(string what, Func<Task> write)
    {
        try
        {
            await write().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // One warning per process is enough to say the cache is not working; the rest go to debug.
            if (Interlocked.Increment(ref _writeProblemsLogged) == 1)
            {
                LogWriteProblem(_logger, what, _options.Directory, e.Message);
            }
            else
            {
                LogWriteProblemAgain(_logger, what, e.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot use the cache folder {CacheFolder}: {Problem}; checking without a cache")]
    private static partial void LogUnusable(ILogger logger, string cacheFolder, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discarded the cached {Entry}: {Problem}; asking the registry again")]
    private static partial void LogDiscarded(ILogger logger, string entry, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot read the cached {Entry}: {Problem}; asking the registry")]
    private static partial void LogReadProblem(ILogger logger, string entry, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot write {Entry} to the cache folder {CacheFolder}: {Problem}")]
    private static partial void LogWriteProblem(ILogger logger, string entry, string cacheFolder, string problem);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Cannot write {Entry} to the cache: {Problem}")]
    private static partial void LogWriteProblemAgain(ILogger logger, string entry, string problem);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Not caching {Digest}: over the size limit or not matching its digest")]
    private static partial void LogNotKept(ILogger logger, string digest);
}

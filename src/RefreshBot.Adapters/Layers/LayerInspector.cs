using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RefreshBot.Adapters.Layers.Caching;
using RefreshBot.Adapters.Layers.Inventory;
using RefreshBot.Adapters.Layers.Local;
using RefreshBot.Adapters.Layers.Merging;
using RefreshBot.Adapters.Layers.Reading;
using RefreshBot.Adapters.Layers.Remote;
using RefreshBot.Adapters.Registry;
using RefreshBot.Adapters.Registry.Blobs;
using RefreshBot.Application.Evaluation.Ports;
using RefreshBot.Application.Ports;
using RefreshBot.Domain.Packages;
using RefreshBot.Domain.References;

namespace RefreshBot.Adapters.Layers;

/// <summary>
/// <see cref="IImageInspector"/> that streams an image's layers in order and keeps only the package databases
/// (see <see cref="ImageFiles"/>). Remote images: manifest by digest, then each layer blob, digest-verified while
/// it streams. Local images: <c>docker save</c>, streamed. What each remote layer contributes is cached by layer
/// digest for the life of the instance (one instance per process), so a shared base layer is read once.
/// A bad layer (truncated, over a limit, malformed, unsupported, digest mismatch) is an
/// <see cref="ImageInspectionException"/> naming the layer; registry failures on the manifest are
/// <see cref="RegistryException"/>s; cancellation is honoured.
/// </summary>
public sealed partial class LayerInspector : IImageInspector
{
    private readonly LayerInspectorOptions _options;
    private readonly RemoteLayerSource _remote;
    private readonly LayerReader _reader;
    private readonly LayerCache _cache;
    private readonly ILogger _logger;

    public LayerInspector(IRegistryClient registry, IBlobSource blobs, LayerInspectorOptions? options = null, ILogger<LayerInspector>? logger = null)
    {
        _options = options ?? new LayerInspectorOptions();
        _options.Validate();
        _reader = new LayerReader(_options);
        _remote = new RemoteLayerSource(registry, blobs, _reader);
        _cache = new LayerCache(_options.CacheBytes);
        _logger = logger ?? NullLogger<LayerInspector>.Instance;
    }

    /// <summary>Manifests and blobs from the same <see cref="RegistryClient"/> (one per process: shared tokens and limits).</summary>
    public LayerInspector(RegistryClient registry, LayerInspectorOptions? options = null, ILogger<LayerInspector>? logger = null)
        : this(registry, registry, options, logger)
    {
    }

    public async Task<PackageInventory> InspectRemoteAsync(ImageReference image, Digest manifest, CancellationToken cancellationToken) =>
        ImageFilesInventory.From(await ReadRemoteFilesAsync(image, manifest, cancellationToken));

    public async Task<PackageInventory> InspectLocalAsync(string imageId, CancellationToken cancellationToken) =>
        ImageFilesInventory.From(await ReadLocalFilesAsync(imageId, cancellationToken));

    /// <summary>The package-database files of a registry image (a platform manifest, by digest).</summary>
    public async Task<ImageFiles> ReadRemoteFilesAsync(ImageReference image, Digest manifest, CancellationToken cancellationToken)
    {
        var display = image.Name + "@" + manifest;
        var layers = await _remote.LayersAsync(image, manifest, cancellationToken);
        var files = new ImageFileSystem();
        foreach (var layer in layers)
        {
            if (_cache.TryGet(layer.Digest, out var cached))
            {
                LogCacheHit(_logger, display, layer.Digest.ToString());
                files.Apply(cached);
                continue;
            }

            var started = Stopwatch.GetTimestamp();
            var delta = await GuardAsync(display, "layer " + layer.Digest, () => _remote.ReadAsync(image, layer, cancellationToken));
            LogLayerRead(_logger, display, layer.Digest.ToString(), layer.Size, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            _cache.Put(layer.Digest, delta);
            files.Apply(delta);
        }

        return files.Snapshot([.. layers.Select(l => l.Digest)]);
    }

    /// <summary>The package-database files of an image in the local Docker daemon (by id or name).</summary>
    public async Task<ImageFiles> ReadLocalFilesAsync(string imageId, CancellationToken cancellationToken)
    {
        if (!DockerSaveProcess.IsValidImage(imageId))
        {
            throw new ImageInspectionException(imageId, "not an image id or image reference");
        }

        var archive = new DockerSaveArchive(_reader);
        var started = Stopwatch.GetTimestamp();
        var layers = await GuardAsync(imageId, null, async () =>
        {
            await DockerSaveProcess.ReadAsync(_options.DockerExecutable, _options.DockerHost, imageId, archive, cancellationToken);
            return await archive.OrderedLayersAsync(cancellationToken);
        });
        LogLocalRead(_logger, imageId, layers.Count, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        var files = new ImageFileSystem();
        foreach (var (_, delta) in layers)
        {
            files.Apply(delta);
        }

        return files.Snapshot([.. layers.Select(l => l.Digest)]);
    }

    /// <summary>Bad input becomes an <see cref="ImageInspectionException"/> naming the image and layer; cancellation stays cancellation.</summary>
    private static async Task<T> GuardAsync<T>(string image, string? layer, Func<Task<T>> read)
    {
        try
        {
            return await read();
        }
        catch (Exception e) when (LayerFailure.IsLayerFailure(e) && e is not ImageInspectionException)
        {
            var what = LayerFailure.Describe(e);
            throw new ImageInspectionException(image, layer is null ? what : $"{layer}: {what}", e);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Layer {Layer} of {Image} read from the cache")]
    private static partial void LogCacheHit(ILogger logger, string image, string layer);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Layer {Layer} of {Image} read: {CompressedBytes} bytes in {ElapsedMs} ms")]
    private static partial void LogLayerRead(ILogger logger, string image, string layer, long compressedBytes, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Local image {Image} read through docker save: {LayerCount} layers in {ElapsedMs} ms")]
    private static partial void LogLocalRead(ILogger logger, string image, int layerCount, double elapsedMs);
}

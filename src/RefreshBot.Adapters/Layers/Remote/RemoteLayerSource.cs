using RefreshBot.Adapters.Layers.Reading;
using RefreshBot.Adapters.Registry.Blobs;
using RefreshBot.Application.Evaluation.Ports;
using RefreshBot.Application.Ports;
using RefreshBot.Domain.Manifests;
using RefreshBot.Domain.References;

namespace RefreshBot.Adapters.Layers.Remote;

/// <summary>
/// The layers of an image in a registry: the platform manifest by digest (GET, verified), then each layer blob
/// streamed through decompression into the <see cref="LayerReader"/>, its digest verified as it streams and its
/// size held to the manifest's descriptor.
/// </summary>
internal sealed class RemoteLayerSource(IRegistryClient registry, IBlobSource blobs, LayerReader reader)
{
    /// <summary>The layer descriptors, in order. Registry failures propagate as <see cref="RegistryException"/>.</summary>
    public async Task<IReadOnlyList<ManifestDescriptor>> LayersAsync(ImageReference image, Digest manifest, CancellationToken cancellationToken)
    {
        var fetched = await registry.GetManifestAsync(image, manifest.ToString(), cancellationToken);
        var display = image.Name + "@" + manifest;
        if (!ManifestDocument.TryParse(fetched.Descriptor.MediaType, fetched.Content.Span, out var document, out var error))
        {
            throw new ImageInspectionException(display, error!);
        }

        return document is ImageManifest platform
            ? platform.Layers
            : throw new ImageInspectionException(display, "is an image index, not a platform manifest: pick a platform's manifest first");
    }

    /// <summary>Reads one layer blob to its end.</summary>
    public async Task<LayerDelta> ReadAsync(ImageReference image, ManifestDescriptor layer, CancellationToken cancellationToken)
    {
        var compression = LayerCompressions.FromMediaType(layer.MediaType);
        await using var blob = await blobs.OpenBlobAsync(image, layer.Digest, cancellationToken);
        // more bytes than the manifest declared is an error straight away, not after the whole body
        await using var declared = new BoundedReadStream(blob, layer.Size < 0 ? long.MaxValue : layer.Size, "layer blob (compressed, as declared by the manifest)");
        LayerDelta delta;
        try
        {
            await using var tar = LayerCompressions.Open(compression, declared);
            delta = await reader.ReadAsync(tar, cancellationToken);
        }
        catch (Exception e) when (LayerFailure.IsLayerFailure(e) && e is not RegistryException)
        {
            // bytes that fail to decompress may simply be a corrupted download: the digest says which
            await ThrowIfCorruptedAsync(declared, cancellationToken);
            throw;
        }

        // whatever the decompressor left unread still has to pass through the digest check
        await declared.DrainAsync(cancellationToken);
        return delta;
    }

    private static async Task ThrowIfCorruptedAsync(BoundedReadStream blob, CancellationToken cancellationToken)
    {
        try
        {
            await blob.DrainAsync(cancellationToken);
        }
        catch (Exception e) when (e is not (RegistryException or OperationCanceledException))
        {
            // not a digest verdict (e.g. more bytes than declared); the original failure stands
        }
    }
}

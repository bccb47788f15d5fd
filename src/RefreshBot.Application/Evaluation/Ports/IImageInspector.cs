using RefreshBot.Domain.Packages;
using RefreshBot.Domain.References;

namespace RefreshBot.Application.Evaluation.Ports;

/// <summary>
/// Reads the installed OS packages of an image by streaming its layers (Adapters/Layers).
/// CONTRACT (issue 4; members may be added). Bad layers are reported in <see cref="PackageInventory.Problems"/>
/// or as <see cref="ImageInspectionException"/>, never as an outage.
/// </summary>
public interface IImageInspector
{
    /// <summary>An image in a registry, by manifest digest (a platform manifest, not an index).</summary>
    Task<PackageInventory> InspectRemoteAsync(ImageReference image, Digest manifest, CancellationToken cancellationToken);

    /// <summary>An image in the local daemon (e.g. one the builder just made), by image id.</summary>
    Task<PackageInventory> InspectLocalAsync(string imageId, CancellationToken cancellationToken);
}

/// <summary>A layer or image that cannot be read (truncated gzip, gzip bomb, malformed tar…), naming the layer.</summary>
public sealed class ImageInspectionException(string image, string message, Exception? inner = null)
    : Exception($"{image}: {message}", inner)
{
    public string Image { get; } = image;
}

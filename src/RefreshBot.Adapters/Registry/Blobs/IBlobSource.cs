using RefreshBot.Domain.References;

namespace RefreshBot.Adapters.Registry.Blobs;

/// <summary>Streams content-addressed blobs (layers, configs) of a repository.</summary>
public interface IBlobSource
{
    /// <summary>
    /// <c>GET /v2/&lt;name&gt;/blobs/&lt;digest&gt;</c> as a forward-only stream. The stream hashes what it
    /// delivers and throws a <see cref="Application.Ports.RegistryException"/> (Invalid) at the end of the
    /// body when the bytes do not hash to <paramref name="digest"/>: callers must read to the end before
    /// trusting anything they read.
    /// </summary>
    Task<Stream> OpenBlobAsync(ImageReference image, Digest digest, CancellationToken cancellationToken);
}

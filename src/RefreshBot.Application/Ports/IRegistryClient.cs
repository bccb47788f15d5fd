using RefreshBot.Domain.Manifests;
using RefreshBot.Domain.References;

namespace RefreshBot.Application.Ports;

/// <summary>
/// The OCI distribution API as the application needs it. Implementations handle auth,
/// retries, rate limits and per-registry concurrency, and throw <see cref="RegistryException"/>.
/// </summary>
public interface IRegistryClient
{
    /// <summary><c>HEAD /v2/&lt;name&gt;/manifests/&lt;reference&gt;</c>; <paramref name="reference"/> is a tag or a digest string.</summary>
    Task<ManifestDescriptor> HeadManifestAsync(ImageReference image, string reference, CancellationToken cancellationToken);

    /// <summary><c>GET</c> of the manifest; the bytes are verified against the digest asked for or returned.</summary>
    Task<FetchedManifest> GetManifestAsync(ImageReference image, string reference, CancellationToken cancellationToken);
}

/// <summary>Manifest bytes, already verified to hash to <see cref="ManifestDescriptor.Digest"/>.</summary>
public sealed record FetchedManifest(ManifestDescriptor Descriptor, ReadOnlyMemory<byte> Content);

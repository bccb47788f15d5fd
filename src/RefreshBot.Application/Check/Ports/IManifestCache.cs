using RefreshBot.Application.Ports;
using RefreshBot.Domain.Manifests;
using RefreshBot.Domain.References;

namespace RefreshBot.Application.Check.Ports;

/// <summary>
/// What earlier checks learnt from registries that can never go stale, kept between checks so an unchanged
/// fleet costs one HEAD per image:tag and nothing else.
/// <list type="bullet">
/// <item>Manifest bytes by digest: content-addressed, so the digest alone is the key (whatever the registry or
///   repository) and the bytes are re-verified against it when read. Whether a repository <em>has</em> that
///   digest is learnt elsewhere (the tag's HEAD, or a pinned descriptor).</item>
/// <item>Pinned descriptors (what a HEAD of a digest answered: media type and size) by registry + repository
///   + digest, because a digest's existence is repository-scoped. Only positive answers are kept: a digest
///   that was not found may be pushed again.</item>
/// </list>
/// Implementations never throw for their own problems (I/O, corruption): a problem is a miss, a failed put
/// is forgotten. Only cancellation surfaces.
/// </summary>
public interface IManifestCache
{
    /// <summary>The verified manifest with <paramref name="digest"/>, or null on a miss.</summary>
    Task<FetchedManifest?> GetManifestAsync(Digest digest, CancellationToken cancellationToken);

    /// <summary>Keeps <paramref name="manifest"/> (its bytes already verified against its digest).</summary>
    Task PutManifestAsync(FetchedManifest manifest, CancellationToken cancellationToken);

    /// <summary>What <c>HEAD /v2/&lt;repository&gt;/manifests/&lt;digest&gt;</c> on <paramref name="registry"/> answered, or null on a miss.</summary>
    Task<ManifestDescriptor?> GetPinnedAsync(string registry, string repository, Digest digest, CancellationToken cancellationToken);

    /// <summary>Keeps a successful HEAD of a digest in <paramref name="repository"/> on <paramref name="registry"/>.</summary>
    Task PutPinnedAsync(string registry, string repository, ManifestDescriptor descriptor, CancellationToken cancellationToken);
}

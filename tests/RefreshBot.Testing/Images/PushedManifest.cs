using RefreshBot.Domain.Platforms;
using RefreshBot.Domain.References;

namespace RefreshBot.Testing.Images;

/// <summary>A manifest the <see cref="ImagePusher"/> stored: digest, media type and exact bytes.</summary>
public sealed record PushedManifest(Digest Digest, string MediaType, byte[] Content, Platform? Platform)
{
    public long Size => Content.LongLength;
}

/// <summary>A multi-platform index and its per-platform children.</summary>
public sealed record PushedIndex(PushedManifest Index, IReadOnlyList<PushedManifest> Children)
{
    public Digest Digest => Index.Digest;

    /// <summary>The child manifest for <paramref name="platform"/>; throws when the index has none.</summary>
    public PushedManifest For(Platform platform) =>
        Children.Single(c => c.Platform == platform);
}

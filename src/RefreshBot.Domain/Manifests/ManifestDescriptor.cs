using RefreshBot.Domain.References;

namespace RefreshBot.Domain.Manifests;

/// <summary>What a registry says about a manifest: its digest, media type and size.</summary>
public sealed record ManifestDescriptor(Digest Digest, string MediaType, long Size);

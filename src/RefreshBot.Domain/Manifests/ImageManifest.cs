namespace RefreshBot.Domain.Manifests;

/// <summary>A single-platform image manifest (OCI image manifest or Docker schema 2).</summary>
public sealed record ImageManifest(
    string MediaType,
    ManifestDescriptor Config,
    IReadOnlyList<ManifestDescriptor> Layers,
    ManifestDescriptor? Subject,
    string? ArtifactType,
    IReadOnlyDictionary<string, string> Annotations) : ManifestDocument(MediaType);

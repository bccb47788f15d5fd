using RefreshBot.Domain.Platforms;

namespace RefreshBot.Domain.Manifests;

/// <summary>One entry of an index: the child manifest's descriptor and the platform it is for.</summary>
/// <param name="Platform">As written in the index (not normalized); null when the entry names none.</param>
public sealed record IndexEntry(
    ManifestDescriptor Descriptor,
    Platform? Platform,
    string? OsVersion,
    IReadOnlyList<string> OsFeatures,
    IReadOnlyDictionary<string, string> Annotations)
{
    /// <summary>
    /// BuildKit attestation manifests (provenance, SBOM): platform <c>unknown/unknown</c> or the
    /// <c>vnd.docker.reference.type</c> annotation. They are not images and never picked for a platform.
    /// </summary>
    public bool IsAttestation
        => Annotations.ContainsKey(ImageIndex.ReferenceTypeAnnotation)
           || Platform is { Os: "unknown", Architecture: "unknown" };
}

/// <summary>A multi-platform index (OCI image index or Docker manifest list).</summary>
/// <param name="Manifests">Entries in document order, attestation manifests excluded.</param>
/// <param name="Attestations">Attestation manifests found in the index (kept out of platform selection).</param>
public sealed record ImageIndex(
    string MediaType,
    IReadOnlyList<IndexEntry> Manifests,
    IReadOnlyList<IndexEntry> Attestations,
    ManifestDescriptor? Subject,
    string? ArtifactType,
    IReadOnlyDictionary<string, string> Annotations) : ManifestDocument(MediaType)
{
    /// <summary>Annotation BuildKit puts on attestation manifests.</summary>
    public const string ReferenceTypeAnnotation = "vnd.docker.reference.type";

    /// <summary>Platforms of the (non-attestation) entries, as written, in document order.</summary>
    public IReadOnlyList<Platform> AvailablePlatforms
        => Manifests.Where(e => e.Platform is not null).Select(e => e.Platform!).ToList();

    /// <summary>
    /// The first entry (in document order, as registries list them by preference) whose platform
    /// <see cref="Platform.Matches">matches</see> <paramref name="wanted"/>; null when none does
    /// (see <see cref="DescribeMissingPlatform"/> for the error text).
    /// </summary>
    public IndexEntry? SelectPlatform(Platform wanted)
    {
        ArgumentNullException.ThrowIfNull(wanted);
        foreach (var entry in Manifests)
        {
            if (entry.Platform is not null && wanted.Matches(entry.Platform))
            {
                return entry;
            }
        }

        return null;
    }

    /// <summary>"no manifest for linux/s390x in the index; available: linux/amd64, linux/arm64/v8".</summary>
    public string DescribeMissingPlatform(Platform wanted)
    {
        var available = AvailablePlatforms;
        return available.Count == 0
            ? $"no manifest for {wanted} in the index: its entries name no platform"
            : $"no manifest for {wanted} in the index; available: {string.Join(", ", available.Distinct())}";
    }
}

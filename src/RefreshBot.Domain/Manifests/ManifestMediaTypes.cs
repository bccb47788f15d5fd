using System.Buffers;

namespace RefreshBot.Domain.Manifests;

/// <summary>Media types of manifests and indexes RefreshBot reads (and the deprecated ones it recognises).</summary>
public static class ManifestMediaTypes
{
    public const string OciIndex = "application/vnd.oci.image.index.v1+json";
    public const string OciManifest = "application/vnd.oci.image.manifest.v1+json";
    public const string DockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json";
    public const string DockerManifest = "application/vnd.docker.distribution.manifest.v2+json";

    /// <summary>Docker image manifest schema 1 (deprecated; recognised only to refuse it clearly).</summary>
    public const string DockerSchema1Manifest = "application/vnd.docker.distribution.manifest.v1+json";

    /// <summary>Signed Docker image manifest schema 1 (deprecated; recognised only to refuse it clearly).</summary>
    public const string DockerSchema1SignedManifest = "application/vnd.docker.distribution.manifest.v1+prettyjws";

    /// <summary>The four supported types, index types first: the value of an <c>Accept</c> header for manifest requests.</summary>
    public static IReadOnlyList<string> Accepted { get; } = [OciIndex, DockerManifestList, OciManifest, DockerManifest];

    /// <summary>OCI image index or Docker manifest list.</summary>
    public static bool IsIndex(string? mediaType)
        => Is(mediaType, OciIndex) || Is(mediaType, DockerManifestList);

    /// <summary>OCI image manifest or Docker schema 2 manifest.</summary>
    public static bool IsImageManifest(string? mediaType)
        => Is(mediaType, OciManifest) || Is(mediaType, DockerManifest);

    public static bool IsSchema1(string? mediaType)
        => Is(mediaType, DockerSchema1Manifest) || Is(mediaType, DockerSchema1SignedManifest);

    /// <summary>
    /// The bare type of a <c>Content-Type</c> value: parameters (<c>; charset=…</c>) and surrounding
    /// whitespace removed. Media types compare case-insensitively.
    /// </summary>
    public static string Essence(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return "";
        }

        var semicolon = contentType.IndexOf(';');
        var essence = (semicolon < 0 ? contentType : contentType[..semicolon]).Trim();
        foreach (var known in Known)
        {
            if (essence.Equals(known, StringComparison.OrdinalIgnoreCase))
            {
                return known;
            }
        }

        return essence;
    }

    /// <summary>
    /// Empty, <c>application/json</c>, <c>application/octet-stream</c> or <c>text/plain</c>: a type that
    /// says nothing about which manifest kind this is (static file servers, some proxies).
    /// </summary>
    public static bool IsGeneric(string? mediaType)
        => string.IsNullOrEmpty(mediaType)
           || mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
           || mediaType.Equals("application/octet-stream", StringComparison.OrdinalIgnoreCase)
           || mediaType.Equals("text/plain", StringComparison.OrdinalIgnoreCase);

    /// <summary>RFC 6838 media type grammar as the OCI descriptor schema states it.</summary>
    public static bool IsValid(string? mediaType)
    {
        if (mediaType is null)
        {
            return false;
        }

        var slash = mediaType.IndexOf('/');
        return slash > 0 && IsRestrictedName(mediaType.AsSpan(0, slash)) && IsRestrictedName(mediaType.AsSpan(slash + 1));
    }

    private static readonly SearchValues<char> RestrictedNameChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$&^_.+-");

    private static readonly string[] Known =
        [OciIndex, OciManifest, DockerManifestList, DockerManifest, DockerSchema1Manifest, DockerSchema1SignedManifest];

    private static bool Is(string? mediaType, string expected)
        => mediaType is not null && mediaType.Equals(expected, StringComparison.OrdinalIgnoreCase);

    private static bool IsRestrictedName(ReadOnlySpan<char> name)
        => name.Length is >= 1 and <= 127
           && char.IsAsciiLetterOrDigit(name[0])
           && name[1..].IndexOfAnyExcept(RestrictedNameChars) < 0;
}

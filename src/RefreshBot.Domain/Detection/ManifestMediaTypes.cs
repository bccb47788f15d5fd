namespace RefreshBot.Domain.Detection;

/// <summary>The manifest media types the decision tells apart: an index (multi-platform) or anything else.</summary>
public static class ManifestMediaTypes
{
    public const string OciIndex = "application/vnd.oci.image.index.v1+json";
    public const string DockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json";

    public static bool IsIndex(string mediaType)
    {
        var bare = mediaType.Split(';')[0].Trim();
        return string.Equals(bare, OciIndex, StringComparison.OrdinalIgnoreCase)
            || string.Equals(bare, DockerManifestList, StringComparison.OrdinalIgnoreCase);
    }
}

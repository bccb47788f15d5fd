namespace RefreshBot.Adapters.Registry;

/// <summary>The manifest media types the client accepts (sent as <c>Accept</c> on HEAD and GET).</summary>
public static class ManifestMediaTypes
{
    public const string OciIndex = "application/vnd.oci.image.index.v1+json";
    public const string OciManifest = "application/vnd.oci.image.manifest.v1+json";
    public const string DockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json";
    public const string DockerManifest = "application/vnd.docker.distribution.manifest.v2+json";

    public static readonly IReadOnlyList<string> Accepted = [OciIndex, OciManifest, DockerManifestList, DockerManifest];
}

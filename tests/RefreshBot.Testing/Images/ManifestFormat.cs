namespace RefreshBot.Testing.Images;

/// <summary>Which family of media types the <see cref="ImagePusher"/> writes.</summary>
public enum ManifestFormat
{
    /// <summary>OCI image manifest / OCI image index.</summary>
    Oci,
    /// <summary>Docker schema 2 manifest / Docker manifest list.</summary>
    Docker,
}

/// <summary>The media types of one <see cref="ManifestFormat"/>.</summary>
public static class MediaTypes
{
    public const string OciIndex = "application/vnd.oci.image.index.v1+json";
    public const string OciManifest = "application/vnd.oci.image.manifest.v1+json";
    public const string OciConfig = "application/vnd.oci.image.config.v1+json";
    public const string OciLayer = "application/vnd.oci.image.layer.v1.tar+gzip";
    public const string DockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json";
    public const string DockerManifest = "application/vnd.docker.distribution.manifest.v2+json";
    public const string DockerConfig = "application/vnd.docker.container.image.v1+json";
    public const string DockerLayer = "application/vnd.docker.image.rootfs.diff.tar.gzip";

    public static string Index(ManifestFormat format) => format == ManifestFormat.Oci ? OciIndex : DockerManifestList;

    public static string Manifest(ManifestFormat format) => format == ManifestFormat.Oci ? OciManifest : DockerManifest;

    public static string Config(ManifestFormat format) => format == ManifestFormat.Oci ? OciConfig : DockerConfig;

    public static string Layer(ManifestFormat format) => format == ManifestFormat.Oci ? OciLayer : DockerLayer;
}

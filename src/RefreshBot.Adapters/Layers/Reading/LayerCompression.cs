using System.IO.Compression;

namespace RefreshBot.Adapters.Layers.Reading;

/// <summary>How a layer blob is compressed, from its media type or (docker save output) from its first bytes.</summary>
internal enum LayerCompression
{
    None,
    Gzip,
}

internal static class LayerCompressions
{
    /// <summary>Gzip and uncompressed tar layers (OCI, Docker, non-distributable and foreign variants); anything else
    /// (zstd included) is refused with a message naming the media type.</summary>
    public static LayerCompression FromMediaType(string mediaType)
    {
        var type = mediaType.Split(';')[0].Trim().ToLowerInvariant();
        if (type.EndsWith("tar+gzip", StringComparison.Ordinal) || type.EndsWith(".tar.gzip", StringComparison.Ordinal))
        {
            return LayerCompression.Gzip;
        }

        if (type is "application/vnd.oci.image.layer.v1.tar" or "application/vnd.oci.image.layer.nondistributable.v1.tar"
            or "application/vnd.docker.image.rootfs.diff.tar")
        {
            return LayerCompression.None;
        }

        throw new LayerReadException(type.EndsWith("+zstd", StringComparison.Ordinal)
            ? $"zstd-compressed layers ({type}) are not supported; only gzip and uncompressed tar layers can be read"
            : $"layer media type \"{type}\" is not supported; only gzip and uncompressed tar layers can be read");
    }

    /// <summary>True when <paramref name="head"/> starts a gzip stream.</summary>
    public static bool IsGzip(ReadOnlySpan<byte> head) => head.Length >= 2 && head[0] == 0x1f && head[1] == 0x8b;

    /// <summary>True when <paramref name="head"/> is a ustar/GNU/PAX tar header block.</summary>
    public static bool IsTar(ReadOnlySpan<byte> head) => head.Length >= 262 && head.Slice(257, 5).SequenceEqual("ustar"u8);

    public static Stream Open(LayerCompression compression, Stream raw) =>
        compression == LayerCompression.Gzip ? new GZipStream(raw, CompressionMode.Decompress, leaveOpen: true) : raw;
}

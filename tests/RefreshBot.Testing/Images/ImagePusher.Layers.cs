using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using RefreshBot.Domain.Platforms;

namespace RefreshBot.Testing.Images;

/// <summary>A layer blob to push: its bytes, media type and the diff id the config lists for it.</summary>
public sealed record LayerBlob(byte[] Content, string MediaType, string DiffId)
{
    public string Digest => SyntheticImage.DigestText(Content);

    /// <summary>A gzip layer of <paramref name="layer"/>.</summary>
    public static LayerBlob Gzip(LayerBuilder layer)
    {
        var tar = layer.Tar();
        return new LayerBlob(LayerBlobs.Gzip(tar), MediaTypes.OciLayer, SyntheticImage.DigestText(tar));
    }

    /// <summary>An uncompressed tar layer of <paramref name="layer"/>.</summary>
    public static LayerBlob Tar(LayerBuilder layer)
    {
        var tar = layer.Tar();
        return new LayerBlob(tar, "application/vnd.oci.image.layer.v1.tar", SyntheticImage.DigestText(tar));
    }

    /// <summary>Arbitrary (possibly broken) bytes; the diff id is made up.</summary>
    public static LayerBlob Raw(byte[] content, string mediaType = MediaTypes.OciLayer) =>
        new(content, mediaType, SyntheticImage.DigestText(content));
}

public sealed partial class ImagePusher
{
    /// <summary>Pushes an image made of exactly <paramref name="layers"/> (bottom first) with a matching config.</summary>
    public async Task<PushedManifest> PushLayersAsync(
        string repository, string? tag, IReadOnlyList<LayerBlob> layers, CancellationToken cancellationToken = default)
    {
        var platform = Platform.LinuxAmd64;
        foreach (var layer in layers)
        {
            await PushBlobAsync(repository, layer.Content, cancellationToken);
        }

        var config = Encoding.UTF8.GetBytes(new JsonObject
        {
            ["architecture"] = platform.Architecture,
            ["os"] = platform.Os,
            ["rootfs"] = new JsonObject { ["type"] = "layers", ["diff_ids"] = new JsonArray([.. layers.Select(l => (JsonNode)l.DiffId)]) },
        }.ToJsonString());
        await PushBlobAsync(repository, config, cancellationToken);
        var layerDescriptors = new JsonArray();
        foreach (var layer in layers)
        {
            layerDescriptors.Add(new JsonObject { ["mediaType"] = layer.MediaType, ["digest"] = layer.Digest, ["size"] = layer.Content.LongLength });
        }

        var manifest = JsonSerializer.SerializeToUtf8Bytes(new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = MediaTypes.OciManifest,
            ["config"] = new JsonObject { ["mediaType"] = MediaTypes.OciConfig, ["digest"] = SyntheticImage.DigestText(config), ["size"] = config.LongLength },
            ["layers"] = layerDescriptors,
        });
        var digest = await PushManifestAsync(repository, tag ?? SyntheticImage.DigestText(manifest), MediaTypes.OciManifest, manifest, cancellationToken);
        return new PushedManifest(digest, MediaTypes.OciManifest, manifest, platform);
    }
}

using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace RefreshBot.Testing.RootFs;

/// <summary>Config and Docker schema-2 manifest JSON for a linux/amd64 image of given layers (deterministic).</summary>
internal static class ImageDocuments
{
    public const string ManifestMediaType = "application/vnd.docker.distribution.manifest.v2+json";
    private const string ConfigMediaType = "application/vnd.docker.container.image.v1+json";
    private const string LayerMediaType = "application/vnd.docker.image.rootfs.diff.tar.gzip";

    public static byte[] Config(IReadOnlyList<RootFsLayer> layers)
    {
        var diffIds = new JsonArray();
        var history = new JsonArray();
        foreach (var layer in layers)
        {
            diffIds.Add(layer.DiffId);
            history.Add(new JsonObject { ["created"] = "2024-01-01T00:00:00Z", ["created_by"] = "refreshbot tests: root filesystem" });
        }

        var config = new JsonObject
        {
            ["architecture"] = "amd64",
            ["os"] = "linux",
            ["created"] = "2024-01-01T00:00:00Z",
            ["config"] = new JsonObject
            {
                ["Env"] = new JsonArray("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"),
                ["Cmd"] = new JsonArray("/bin/sh"),
            },
            ["rootfs"] = new JsonObject { ["type"] = "layers", ["diff_ids"] = diffIds },
            ["history"] = history,
        };
        return Encoding.UTF8.GetBytes(config.ToJsonString());
    }

    public static byte[] Manifest(byte[] config, IReadOnlyList<RootFsLayer> layers)
    {
        var layerArray = new JsonArray();
        foreach (var layer in layers)
        {
            layerArray.Add(Descriptor(LayerMediaType, layer.Compressed));
        }

        var manifest = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = ManifestMediaType,
            ["config"] = Descriptor(ConfigMediaType, config),
            ["layers"] = layerArray,
        };
        return Encoding.UTF8.GetBytes(manifest.ToJsonString());
    }

    private static JsonObject Descriptor(string mediaType, byte[] content) => new()
    {
        ["mediaType"] = mediaType,
        ["size"] = content.LongLength,
        ["digest"] = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content)),
    };
}

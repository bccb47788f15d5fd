using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using RefreshBot.Domain.Platforms;

namespace RefreshBot.Testing.Images;

/// <summary>Builds the bytes of small synthetic images: a random gzip-tar layer, a config, a manifest, an index.</summary>
internal static class SyntheticImage
{
    public static (byte[] Compressed, string DiffId) Layer()
    {
        var payload = RandomNumberGenerator.GetBytes(256);
        using var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            var entry = new PaxTarEntry(TarEntryType.RegularFile, "refreshbot/random.bin")
            {
                DataStream = new MemoryStream(payload),
                ModificationTime = DateTimeOffset.UnixEpoch,
            };
            writer.WriteEntry(entry);
        }

        var uncompressed = tar.ToArray();
        using var gz = new MemoryStream();
        using (var gzip = new GZipStream(gz, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(uncompressed);
        }

        return (gz.ToArray(), DigestText(uncompressed));
    }

    public static byte[] Config(Platform platform, string diffId)
    {
        var config = new JsonObject
        {
            ["architecture"] = platform.Architecture,
            ["os"] = platform.Os,
            ["config"] = new JsonObject { ["Env"] = new JsonArray("PATH=/usr/bin") },
            ["rootfs"] = new JsonObject { ["type"] = "layers", ["diff_ids"] = new JsonArray(diffId) },
        };
        if (platform.Variant is not null)
        {
            config["variant"] = platform.Variant;
        }

        return Encoding.UTF8.GetBytes(config.ToJsonString());
    }

    public static byte[] Manifest(ManifestFormat format, byte[] config, byte[] layer) => Serialize(new JsonObject
    {
        ["schemaVersion"] = 2,
        ["mediaType"] = MediaTypes.Manifest(format),
        ["config"] = Descriptor(MediaTypes.Config(format), config),
        ["layers"] = new JsonArray(Descriptor(MediaTypes.Layer(format), layer)),
    });

    public static byte[] Index(ManifestFormat format, IEnumerable<PushedManifest> children, IReadOnlyDictionary<string, string>? annotations)
    {
        var manifests = new JsonArray();
        foreach (var child in children)
        {
            var descriptor = Descriptor(child.MediaType, child.Content);
            var platform = new JsonObject { ["architecture"] = child.Platform!.Architecture, ["os"] = child.Platform.Os };
            if (child.Platform.Variant is not null)
            {
                platform["variant"] = child.Platform.Variant;
            }

            descriptor["platform"] = platform;
            manifests.Add(descriptor);
        }

        var index = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = MediaTypes.Index(format),
            ["manifests"] = manifests,
        };
        if (annotations is { Count: > 0 })
        {
            var node = new JsonObject();
            foreach (var (key, value) in annotations)
            {
                node[key] = value;
            }

            index["annotations"] = node;
        }

        return Serialize(index);
    }

    public static string DigestText(ReadOnlySpan<byte> content) =>
        "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));

    private static JsonObject Descriptor(string mediaType, byte[] content) => new()
    {
        ["mediaType"] = mediaType,
        ["digest"] = DigestText(content),
        ["size"] = content.LongLength,
    };

    private static byte[] Serialize(JsonObject node) =>
        JsonSerializer.SerializeToUtf8Bytes(node, new JsonSerializerOptions { WriteIndented = true });
}

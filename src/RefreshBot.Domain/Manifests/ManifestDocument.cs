using System.Text.Json;

namespace RefreshBot.Domain.Manifests;

/// <summary>
/// A manifest document fetched from a registry: an <see cref="ImageIndex"/> or an <see cref="ImageManifest"/>.
/// </summary>
/// <remarks>
/// Dispatch: the media type the registry declared (<c>Content-Type</c>) and the document's own
/// <c>mediaType</c> field must agree when both are present. When the declared type is not one of the
/// four supported types (e.g. <c>application/json</c> from a static server) the document's own field
/// decides. Docker schema 1 is refused with an explicit "unsupported" error. Validation is strict
/// (OCI descriptor schema): media type grammar, <c>size</c> an integer &gt;= 0, digest grammar with a
/// supported algorithm (sha256/sha512), <c>urls</c> absolute URIs, <c>data</c> base64, platform with
/// <c>os</c> and <c>architecture</c>, string-to-string annotations, at least one layer.
/// </remarks>
public abstract record ManifestDocument(string MediaType)
{
    /// <summary>Parses; throws <see cref="FormatException"/> with a message naming the JSON location.</summary>
    public static ManifestDocument Parse(string mediaType, ReadOnlySpan<byte> content)
        => TryParse(mediaType, content, out var document, out var error) ? document! : throw new FormatException(error);

    /// <summary>Parses and validates; never throws on malformed content.</summary>
    /// <param name="mediaType">The media type the registry declared (Content-Type); may be empty.</param>
    public static bool TryParse(string? mediaType, ReadOnlySpan<byte> content, out ManifestDocument? document, out string? error)
    {
        document = null;
        var declared = ManifestMediaTypes.Essence(mediaType);
        // The JSON reader accepts invalid UTF-8 inside strings and GetString() then throws (found by fuzzing): refuse it here.
        if (!System.Text.Unicode.Utf8.IsValid(content))
        {
            error = $"manifest ({Describe(declared)}) is not valid UTF-8";
            return false;
        }

        try
        {
            var reader = new Utf8JsonReader(content, new JsonReaderOptions { MaxDepth = 32 });
            using var json = JsonDocument.ParseValue(ref reader);
            if (reader.Read())
            {
                throw new JsonException($"unexpected content after the JSON document at byte {reader.TokenStartIndex}");
            }

            document = Read(declared, json.RootElement);
            error = null;
            return true;
        }
        catch (JsonException e)
        {
            error = $"manifest ({Describe(declared)}) is not valid JSON: {e.Message}";
            return false;
        }
        catch (ManifestFormatException e)
        {
            error = $"manifest ({Describe(declared)}): {e.Message}";
            return false;
        }
    }

    private static ManifestDocument Read(string declared, JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new ManifestFormatException("", $"expected a JSON object, found {root.ValueKind}");
        }

        var own = ManifestJsonReader.OptionalMediaType(root, "mediaType", "");
        if (ManifestMediaTypes.IsSchema1(declared) || ManifestMediaTypes.IsSchema1(own) || IsSchemaVersion(root, 1))
        {
            throw new ManifestFormatException("", "Docker image manifest schema 1 is deprecated and unsupported; the image must be pushed again as schema 2 or OCI");
        }

        var declaredKnown = ManifestMediaTypes.IsIndex(declared) || ManifestMediaTypes.IsImageManifest(declared);
        if (declaredKnown && own is not null && !own.Equals(declared, StringComparison.OrdinalIgnoreCase))
        {
            throw new ManifestFormatException("mediaType", $"the document says \"{own}\" but the registry declared \"{declared}\"");
        }

        // A generic or missing Content-Type lets the document's own field decide; a specific other
        // type (a config, a descriptor, an artifact) is not a manifest whatever its content says.
        var effective = declaredKnown || !ManifestMediaTypes.IsGeneric(declared) ? declared
            : own is null ? "" : ManifestMediaTypes.Essence(own);
        if (!ManifestMediaTypes.IsIndex(effective) && !ManifestMediaTypes.IsImageManifest(effective))
        {
            throw new ManifestFormatException("", effective.Length == 0
                ? "no media type: neither the registry nor the document's mediaType field says what this is"
                : $"unsupported media type \"{effective}\" (supported: {string.Join(", ", ManifestMediaTypes.Accepted)})");
        }

        if (!IsSchemaVersion(root, 2))
        {
            throw new ManifestFormatException("schemaVersion", "must be the integer 2");
        }

        return ManifestMediaTypes.IsIndex(effective) ? ReadIndex(effective, root) : ReadManifest(effective, root);
    }

    private static ImageIndex ReadIndex(string mediaType, JsonElement root)
    {
        if (!root.TryGetProperty("manifests", out var manifests) || manifests.ValueKind != JsonValueKind.Array)
        {
            throw new ManifestFormatException("manifests", "required array is missing");
        }

        var entries = new List<IndexEntry>(manifests.GetArrayLength());
        var attestations = new List<IndexEntry>();
        var i = 0;
        foreach (var item in manifests.EnumerateArray())
        {
            var entry = ManifestJsonReader.IndexEntry(item, $"manifests[{i++}]");
            (entry.IsAttestation ? attestations : entries).Add(entry);
        }

        return new ImageIndex(
            mediaType,
            entries,
            attestations,
            ManifestJsonReader.OptionalDescriptor(root, "subject"),
            ManifestJsonReader.OptionalMediaType(root, "artifactType", ""),
            ManifestJsonReader.Annotations(root, ""));
    }

    private static ImageManifest ReadManifest(string mediaType, JsonElement root)
    {
        var config = ManifestJsonReader.OptionalDescriptor(root, "config")
                     ?? throw new ManifestFormatException("config", "required descriptor is missing");
        if (!root.TryGetProperty("layers", out var layersJson) || layersJson.ValueKind != JsonValueKind.Array)
        {
            throw new ManifestFormatException("layers", "required array is missing");
        }

        if (layersJson.GetArrayLength() == 0)
        {
            throw new ManifestFormatException("layers", "must contain at least one layer");
        }

        var layers = new List<ManifestDescriptor>(layersJson.GetArrayLength());
        var i = 0;
        foreach (var item in layersJson.EnumerateArray())
        {
            layers.Add(ManifestJsonReader.Descriptor(item, $"layers[{i++}]"));
        }

        return new ImageManifest(
            mediaType,
            config,
            layers,
            ManifestJsonReader.OptionalDescriptor(root, "subject"),
            ManifestJsonReader.OptionalMediaType(root, "artifactType", ""),
            ManifestJsonReader.Annotations(root, ""));
    }

    private static bool IsSchemaVersion(JsonElement root, int version)
        => root.TryGetProperty("schemaVersion", out var value)
           && value.ValueKind == JsonValueKind.Number
           && value.TryGetInt32(out var parsed)
           && parsed == version;

    private static string Describe(string declared) => declared.Length == 0 ? "no declared media type" : declared;
}

using System.Buffers.Text;
using System.Text.Json;
using RefreshBot.Domain.Platforms;
using RefreshBot.Domain.References;

namespace RefreshBot.Domain.Manifests;

/// <summary>Strict readers for the JSON pieces of manifests (OCI descriptor schema rules).</summary>
internal static class ManifestJsonReader
{
    private static readonly IReadOnlyDictionary<string, string> NoAnnotations = new Dictionary<string, string>();

    public static ManifestDescriptor Descriptor(JsonElement element, string location)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new ManifestFormatException(location, $"expected a descriptor object, found {element.ValueKind}");
        }

        var mediaType = OptionalMediaType(element, "mediaType", location)
                        ?? throw new ManifestFormatException(Join(location, "mediaType"), "required field is missing");

        if (!element.TryGetProperty("size", out var sizeJson))
        {
            throw new ManifestFormatException(Join(location, "size"), "required field is missing");
        }

        if (sizeJson.ValueKind != JsonValueKind.Number || !sizeJson.TryGetInt64(out var size))
        {
            throw new ManifestFormatException(Join(location, "size"), $"must be an integer, found {Show(sizeJson)}");
        }

        if (size < 0)
        {
            throw new ManifestFormatException(Join(location, "size"), $"must not be negative, found {size}");
        }

        var digestText = OptionalString(element, "digest", location)
                         ?? throw new ManifestFormatException(Join(location, "digest"), "required field is missing");
        if (!Digest.TryParse(digestText, out var digest, out var digestError))
        {
            throw new ManifestFormatException(Join(location, "digest"), digestError!);
        }

        OptionalMediaType(element, "artifactType", location);
        ValidateUrls(element, location);
        ValidateData(element, location);
        Annotations(element, location);
        return new ManifestDescriptor(digest, mediaType, size);
    }

    public static ManifestDescriptor? OptionalDescriptor(JsonElement parent, string name)
        => parent.TryGetProperty(name, out var element) ? Descriptor(element, name) : null;

    public static IndexEntry IndexEntry(JsonElement element, string location)
    {
        var descriptor = Descriptor(element, location);
        Platform? platform = null;
        string? osVersion = null;
        IReadOnlyList<string> osFeatures = [];
        if (element.TryGetProperty("platform", out var platformJson))
        {
            var where = Join(location, "platform");
            if (platformJson.ValueKind != JsonValueKind.Object)
            {
                throw new ManifestFormatException(where, $"expected an object, found {platformJson.ValueKind}");
            }

            var os = OptionalString(platformJson, "os", where) ?? throw new ManifestFormatException(Join(where, "os"), "required field is missing");
            var architecture = OptionalString(platformJson, "architecture", where)
                               ?? throw new ManifestFormatException(Join(where, "architecture"), "required field is missing");
            var variant = OptionalString(platformJson, "variant", where);
            osVersion = OptionalString(platformJson, "os.version", where);
            osFeatures = StringArray(platformJson, "os.features", where);
            platform = new Platform(os, architecture, string.IsNullOrEmpty(variant) ? null : variant);
        }

        return new IndexEntry(descriptor, platform, osVersion, osFeatures, Annotations(element, location));
    }

    public static string? OptionalString(JsonElement parent, string name, string location)
    {
        if (!parent.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new ManifestFormatException(Join(location, name), $"must be a string, found {Show(value)}");
    }

    public static string? OptionalMediaType(JsonElement parent, string name, string location)
    {
        var value = OptionalString(parent, name, location);
        if (value is not null && !ManifestMediaTypes.IsValid(value))
        {
            throw new ManifestFormatException(Join(location, name), $"\"{value}\" is not a valid media type (type/subtype)");
        }

        return value;
    }

    public static IReadOnlyDictionary<string, string> Annotations(JsonElement parent, string location)
    {
        if (!parent.TryGetProperty("annotations", out var json))
        {
            return NoAnnotations;
        }

        var where = Join(location, "annotations");
        if (json.ValueKind != JsonValueKind.Object)
        {
            throw new ManifestFormatException(where, $"must be an object of strings, found {json.ValueKind}");
        }

        var annotations = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in json.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.String)
            {
                throw new ManifestFormatException(Join(where, property.Name), $"must be a string, found {Show(property.Value)}");
            }

            annotations[property.Name] = property.Value.GetString()!;
        }

        return annotations;
    }

    private static IReadOnlyList<string> StringArray(JsonElement parent, string name, string location)
    {
        if (!parent.TryGetProperty(name, out var json))
        {
            return [];
        }

        if (json.ValueKind != JsonValueKind.Array)
        {
            throw new ManifestFormatException(Join(location, name), $"must be an array of strings, found {json.ValueKind}");
        }

        var values = new List<string>(json.GetArrayLength());
        foreach (var item in json.EnumerateArray())
        {
            values.Add(item.ValueKind == JsonValueKind.String
                ? item.GetString()!
                : throw new ManifestFormatException($"{Join(location, name)}[{values.Count}]", $"must be a string, found {Show(item)}"));
        }

        return values;
    }

    private static void ValidateUrls(JsonElement element, string location)
    {
        var urls = StringArray(element, "urls", location);
        for (var i = 0; i < urls.Count; i++)
        {
            if (!Uri.TryCreate(urls[i], UriKind.Absolute, out _))
            {
                throw new ManifestFormatException($"{Join(location, "urls")}[{i}]", $"\"{urls[i]}\" is not an absolute URI");
            }
        }
    }

    private static void ValidateData(JsonElement element, string location)
    {
        var data = OptionalString(element, "data", location);
        if (data is not null && (data.Length % 4 != 0 || !Base64.IsValid(data)))
        {
            throw new ManifestFormatException(Join(location, "data"), "is not valid base64 (RFC 4648, padded)");
        }
    }

    private static string Join(string location, string name) => location.Length == 0 ? name : location + "." + name;

    private static string Show(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{value.GetString()}\"",
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        _ => value.ValueKind.ToString(),
    };
}

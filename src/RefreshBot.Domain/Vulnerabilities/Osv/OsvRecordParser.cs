using System.Globalization;
using System.Text.Json;

namespace RefreshBot.Domain.Vulnerabilities.Osv;

/// <summary>
/// Parses OSV JSON. Never throws on bad input: a broken record becomes an <see cref="OsvParseResult"/> error
/// naming its origin (file or URL) and its id when known. Unknown fields are ignored; GIT ranges are kept
/// (they never match a package version); ranges of unknown types are dropped.
/// </summary>
public static class OsvRecordParser
{
    private static readonly JsonDocumentOptions Options = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    /// <summary>Parses one record from UTF-8 JSON; <paramref name="origin"/> names it in errors.</summary>
    public static OsvParseResult Parse(ReadOnlyMemory<byte> utf8, string origin)
    {
        // The JSON reader accepts invalid UTF-8 inside strings and GetString() then throws (found by fuzzing): refuse it here.
        if (!System.Text.Unicode.Utf8.IsValid(utf8.Span))
        {
            return OsvParseResult.Failure($"{origin}: not valid UTF-8");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8, Options);
        }
        catch (JsonException e)
        {
            return OsvParseResult.Failure($"{origin}: not valid JSON: {e.Message}");
        }

        using (document)
        {
            return Parse(document.RootElement, origin);
        }
    }

    /// <summary>Parses one record from an already-parsed JSON element (e.g. an item of an API response).</summary>
    public static OsvParseResult Parse(JsonElement root, string origin)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return OsvParseResult.Failure($"{origin}: a record must be a JSON object");
        }

        var id = root.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.String ? idElement.GetString() : null;
        if (string.IsNullOrWhiteSpace(id))
        {
            return OsvParseResult.Failure($"{origin}: record has no \"id\"");
        }

        try
        {
            return OsvParseResult.Success(new OsvRecord(
                id,
                Strings(root, "aliases"),
                Strings(root, "upstream"),
                Time(root, "modified"),
                Time(root, "published"),
                Time(root, "withdrawn"),
                OptionalString(root, "summary"),
                Severities(root),
                Label(root, "database_specific"),
                Affected(root)));
        }
        catch (OsvFormatException e)
        {
            return OsvParseResult.Failure($"{origin}: {id}: {e.Message}");
        }
        catch (InvalidOperationException e) when (e.Message.Contains("transcode", StringComparison.Ordinal))
        {
            // An element from a caller's JsonDocument may still hold invalid UTF-8 in a string.
            return OsvParseResult.Failure($"{origin}: {id}: text is not valid UTF-8");
        }
    }

    private static OsvAffected[] Affected(JsonElement root)
    {
        if (!root.TryGetProperty("affected", out var affected) || affected.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        Expect(affected, JsonValueKind.Array, "affected");
        return affected.EnumerateArray().Select((entry, i) =>
        {
            Expect(entry, JsonValueKind.Object, $"affected[{i}]");
            return new OsvAffected(
                Package(entry, i),
                Ranges(entry, i),
                Strings(entry, "versions"),
                Severities(entry),
                Label(entry, "ecosystem_specific") ?? Label(entry, "database_specific"));
        }).ToArray();
    }

    private static OsvPackage? Package(JsonElement entry, int index)
    {
        if (!entry.TryGetProperty("package", out var package) || package.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        Expect(package, JsonValueKind.Object, $"affected[{index}].package");
        var ecosystem = OptionalString(package, "ecosystem");
        var name = OptionalString(package, "name");
        if (string.IsNullOrEmpty(ecosystem) || string.IsNullOrEmpty(name))
        {
            throw new OsvFormatException($"affected[{index}].package needs \"ecosystem\" and \"name\"");
        }

        return new OsvPackage(ecosystem, name, OptionalString(package, "purl"));
    }

    private static OsvRange[] Ranges(JsonElement entry, int index)
    {
        if (!entry.TryGetProperty("ranges", out var ranges) || ranges.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        Expect(ranges, JsonValueKind.Array, $"affected[{index}].ranges");
        var result = new List<OsvRange>();
        foreach (var (range, r) in ranges.EnumerateArray().Select((x, r) => (x, r)))
        {
            var where = $"affected[{index}].ranges[{r}]";
            Expect(range, JsonValueKind.Object, where);
            OsvRangeType? type = OptionalString(range, "type") switch
            {
                "ECOSYSTEM" => OsvRangeType.Ecosystem,
                "SEMVER" => OsvRangeType.Semver,
                "GIT" => OsvRangeType.Git,
                null => throw new OsvFormatException($"{where} has no \"type\""),
                _ => null,
            };
            if (type is { } known)
            {
                result.Add(new OsvRange(known, Events(range, where)));
            }
        }

        return result.ToArray();
    }

    private static OsvEvent[] Events(JsonElement range, string where)
    {
        if (!range.TryGetProperty("events", out var events))
        {
            throw new OsvFormatException($"{where} has no \"events\"");
        }

        Expect(events, JsonValueKind.Array, $"{where}.events");
        return events.EnumerateArray().Select((e, i) =>
        {
            Expect(e, JsonValueKind.Object, $"{where}.events[{i}]");
            var properties = e.EnumerateObject().ToList();
            if (properties.Count != 1 || properties[0].Value.ValueKind != JsonValueKind.String)
            {
                throw new OsvFormatException($"{where}.events[{i}] must have exactly one string property");
            }

            var kind = properties[0].Name switch
            {
                "introduced" => OsvEventKind.Introduced,
                "fixed" => OsvEventKind.Fixed,
                "last_affected" => OsvEventKind.LastAffected,
                "limit" => OsvEventKind.Limit,
                var other => throw new OsvFormatException($"{where}.events[{i}] has unknown event \"{other}\""),
            };
            return new OsvEvent(kind, properties[0].Value.GetString()!);
        }).ToArray();
    }

    private static OsvSeverity[] Severities(JsonElement element)
    {
        if (!element.TryGetProperty("severity", out var severity) || severity.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        return severity.EnumerateArray()
            .Where(s => s.ValueKind == JsonValueKind.Object)
            .Select(s => (Type: OptionalString(s, "type"), Score: OptionalString(s, "score")))
            .Where(s => s.Type is not null && s.Score is not null)
            .Select(s => new OsvSeverity(s.Type!, s.Score!))
            .ToArray();
    }

    /// <summary>A distro's severity label inside <c>ecosystem_specific</c>/<c>database_specific</c>: <c>severity</c> or <c>urgency</c>.</summary>
    private static string? Label(JsonElement element, string property)
    {
        if (!element.TryGetProperty(property, out var specific) || specific.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        return OptionalString(specific, "severity") ?? OptionalString(specific, "urgency");
    }

    private static string[] Strings(JsonElement element, string property)
    {
        if (!element.TryGetProperty(property, out var array) || array.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        Expect(array, JsonValueKind.Array, property);
        return array.EnumerateArray().Select(item => item.ValueKind == JsonValueKind.String
            ? item.GetString()!
            : throw new OsvFormatException($"\"{property}\" must hold strings")).ToArray();
    }

    private static string? OptionalString(JsonElement element, string property)
        => element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static DateTimeOffset? Time(JsonElement element, string property)
    {
        var text = OptionalString(element, property);
        if (text is null)
        {
            return null;
        }

        return DateTimeOffset.TryParse(TrimFraction(text), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time
            : throw new OsvFormatException($"\"{property}\" is not an RFC 3339 time: {text}");
    }

    /// <summary>RFC 3339 allows any number of fraction digits (Go writes nine); .NET parses at most seven.</summary>
    private static string TrimFraction(string text)
    {
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0)
        {
            return text;
        }

        var end = dot + 1;
        while (end < text.Length && char.IsAsciiDigit(text[end]))
        {
            end++;
        }

        return end - dot - 1 <= 7 ? text : string.Concat(text.AsSpan(0, dot + 8), text.AsSpan(end));
    }

    private static void Expect(JsonElement element, JsonValueKind kind, string where)
    {
        if (element.ValueKind != kind)
        {
            throw new OsvFormatException($"\"{where}\" must be {kind.ToString().ToLowerInvariant()}, not {element.ValueKind.ToString().ToLowerInvariant()}");
        }
    }

    private sealed class OsvFormatException(string message) : Exception(message);
}

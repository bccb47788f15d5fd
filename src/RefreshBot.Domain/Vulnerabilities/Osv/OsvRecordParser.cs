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
        var result = new OsvAffected[affected.GetArrayLength()];
        var i = 0;
        foreach (var entry in affected.EnumerateArray())
        {
            if (entry.ValueKind != JsonValueKind.Object)
            {
                throw Unexpected(entry, JsonValueKind.Object, $"affected[{i}]");
            }

            result[i] = new OsvAffected(
                Package(entry, i),
                Ranges(entry, i),
                Strings(entry, "versions"),
                Severities(entry),
                Label(entry, "ecosystem_specific") ?? Label(entry, "database_specific"));
            i++;
        }

        return result;
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

        if (ranges.ValueKind != JsonValueKind.Array)
        {
            throw Unexpected(ranges, JsonValueKind.Array, $"affected[{index}].ranges");
        }

        var result = new List<OsvRange>(ranges.GetArrayLength());
        var r = 0;
        foreach (var range in ranges.EnumerateArray())
        {
            if (range.ValueKind != JsonValueKind.Object)
            {
                throw Unexpected(range, JsonValueKind.Object, RangeLocation(index, r));
            }

            OsvRangeType? type = RangeType(range, index, r);
            if (type is { } known)
            {
                result.Add(new OsvRange(known, Events(range, index, r)));
            }

            r++;
        }

        return result.ToArray();
    }

    private static OsvRangeType? RangeType(JsonElement range, int index, int r)
    {
        if (!range.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
        {
            throw new OsvFormatException($"{RangeLocation(index, r)} has no \"type\"");
        }

        return type.ValueEquals("ECOSYSTEM") ? OsvRangeType.Ecosystem
            : type.ValueEquals("SEMVER") ? OsvRangeType.Semver
            : type.ValueEquals("GIT") ? OsvRangeType.Git
            : null;
    }

    private static string RangeLocation(int index, int r) => $"affected[{index}].ranges[{r}]";

    private static OsvEvent[] Events(JsonElement range, int index, int r)
    {
        if (!range.TryGetProperty("events", out var events))
        {
            throw new OsvFormatException($"{RangeLocation(index, r)} has no \"events\"");
        }

        if (events.ValueKind != JsonValueKind.Array)
        {
            throw Unexpected(events, JsonValueKind.Array, $"{RangeLocation(index, r)}.events");
        }

        var result = new OsvEvent[events.GetArrayLength()];
        var i = 0;
        foreach (var e in events.EnumerateArray())
        {
            if (e.ValueKind != JsonValueKind.Object)
            {
                throw Unexpected(e, JsonValueKind.Object, $"{RangeLocation(index, r)}.events[{i}]");
            }

            var count = 0;
            JsonProperty only = default;
            foreach (var property in e.EnumerateObject())
            {
                only = property;
                if (++count > 1)
                {
                    break;
                }
            }

            if (count != 1 || only.Value.ValueKind != JsonValueKind.String)
            {
                throw new OsvFormatException($"{RangeLocation(index, r)}.events[{i}] must have exactly one string property");
            }

            var kind = only.NameEquals("introduced") ? OsvEventKind.Introduced
                : only.NameEquals("fixed") ? OsvEventKind.Fixed
                : only.NameEquals("last_affected") ? OsvEventKind.LastAffected
                : only.NameEquals("limit") ? OsvEventKind.Limit
                : throw new OsvFormatException($"{RangeLocation(index, r)}.events[{i}] has unknown event \"{only.Name}\"");
            result[i++] = new OsvEvent(kind, only.Value.GetString()!);
        }

        return result;
    }

    private static OsvSeverity[] Severities(JsonElement element)
    {
        if (!element.TryGetProperty("severity", out var severity) || severity.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        var result = new List<OsvSeverity>(severity.GetArrayLength());
        foreach (var s in severity.EnumerateArray())
        {
            if (s.ValueKind == JsonValueKind.Object && OptionalString(s, "type") is { } type && OptionalString(s, "score") is { } score)
            {
                result.Add(new OsvSeverity(type, score));
            }
        }

        return result.ToArray();
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
        var result = new string[array.GetArrayLength()];
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            result[i++] = item.ValueKind == JsonValueKind.String
                ? item.GetString()!
                : throw new OsvFormatException($"\"{property}\" must hold strings");
        }

        return result;
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
            throw Unexpected(element, kind, where);
        }
    }

    /// <summary>The error for an element of the wrong kind; callers build <paramref name="where"/> only on failure.</summary>
    private static OsvFormatException Unexpected(JsonElement element, JsonValueKind kind, string where)
        => new($"\"{where}\" must be {kind.ToString().ToLowerInvariant()}, not {element.ValueKind.ToString().ToLowerInvariant()}");

    private sealed class OsvFormatException(string message) : Exception(message);
}

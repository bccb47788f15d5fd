using System.Net.Http.Headers;

namespace RefreshBot.Adapters.Vulnerabilities.Exports;

/// <summary>
/// The HTTP validators of a downloaded <c>all.zip</c> (ETag, Last-Modified), kept next to it as
/// <c>all.zip.validators</c> — two <c>Name: value</c> lines; not <c>.json</c>, so the export index never reads it.
/// </summary>
internal sealed record ExportValidators(string? ETag, DateTimeOffset? LastModified)
{
    public const string Suffix = ".validators";

    public bool IsEmpty => ETag is null && LastModified is null;

    public static ExportValidators From(HttpResponseMessage response)
        => new(response.Headers.ETag?.ToString(), response.Content.Headers.LastModified);

    /// <summary>The validators stored for <paramref name="zipPath"/>; none when either file is missing or unreadable.</summary>
    public static ExportValidators Load(string zipPath)
    {
        var path = zipPath + Suffix;
        if (!File.Exists(zipPath) || !File.Exists(path))
        {
            return new(null, null);
        }

        string? etag = null;
        DateTimeOffset? lastModified = null;
        foreach (var line in File.ReadLines(path))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            var value = line[(colon + 1)..].Trim();
            switch (line[..colon])
            {
                case "ETag" when EntityTagHeaderValue.TryParse(value, out _):
                    etag = value;
                    break;
                case "Last-Modified" when DateTimeOffset.TryParse(value, System.Globalization.CultureInfo.InvariantCulture,
                    System.Globalization.DateTimeStyles.AssumeUniversal, out var parsed):
                    lastModified = parsed;
                    break;
            }
        }

        return new(etag, lastModified);
    }

    /// <summary>Adds <c>If-None-Match</c> / <c>If-Modified-Since</c> for what is known.</summary>
    public void ApplyTo(HttpRequestMessage request)
    {
        if (ETag is not null && EntityTagHeaderValue.TryParse(ETag, out var tag))
        {
            request.Headers.IfNoneMatch.Add(tag);
        }

        if (LastModified is { } since)
        {
            request.Headers.IfModifiedSince = since;
        }
    }

    /// <summary>Writes the validators for <paramref name="zipPath"/> (temp file then rename); deletes them when empty.</summary>
    public void Save(string zipPath)
    {
        var path = zipPath + Suffix;
        if (IsEmpty)
        {
            File.Delete(path);
            return;
        }

        var temp = path + ".part";
        var lines = new List<string>();
        if (ETag is not null)
        {
            lines.Add("ETag: " + ETag);
        }

        if (LastModified is { } since)
        {
            lines.Add("Last-Modified: " + since.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
        }

        File.WriteAllLines(temp, lines);
        File.Move(temp, path, overwrite: true);
    }
}

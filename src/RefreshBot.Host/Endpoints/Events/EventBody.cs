using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace RefreshBot.Host.Endpoints.Events;

/// <summary>An event request's body, read whole up to <see cref="MaxBytes"/> (more is refused with 413, never buffered).</summary>
internal static class EventBody
{
    public const int MaxBytes = 1024 * 1024;

    /// <summary>The raw body, or null when it is larger than <see cref="MaxBytes"/>.</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBytes)
        {
            return null;
        }

        using var body = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (body.Length + read > MaxBytes)
                {
                    return null;
                }

                body.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return body.ToArray();
    }

    /// <summary>Parses <paramref name="body"/> as JSON; on failure returns null and a message saying where (never the body).</summary>
    public static JsonDocument? TryParse(byte[] body, out string? problem)
    {
        try
        {
            problem = null;
            return JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            problem = $"malformed JSON at line {(e.LineNumber ?? 0) + 1}, byte {(e.BytePositionInLine ?? 0) + 1}";
            return null;
        }
    }

    /// <summary>A string property of an object, or null (missing, not an object, not a string).</summary>
    public static string? Text(this JsonElement element, params string[] path)
    {
        foreach (var name in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
            {
                return null;
            }
        }

        return element.ValueKind == JsonValueKind.String ? element.GetString() : null;
    }
}

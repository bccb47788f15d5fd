using System.Text;
using System.Text.Json;

namespace RefreshBot.Adapters.Registry;

/// <summary>Reads bodies with a cap and summarises a registry's <c>errors[]</c> (code: message), capped in length.</summary>
internal static class RegistryErrorBody
{
    public const int MaxErrorBodyBytes = 16 * 1024;
    private const int MaxMessageChars = 300;

    /// <summary>
    /// Reads at most <paramref name="limit"/> bytes; throws <see cref="BodyTooLargeException"/> beyond it. With an
    /// <paramref name="idle"/> time each read must make progress within it (<see cref="IdleReadTimeoutException"/>).
    /// </summary>
    public static async Task<byte[]> ReadCappedAsync(HttpContent content, long limit, CancellationToken cancellationToken, TimeSpan? idle = null)
    {
        if (content.Headers.ContentLength > limit)
        {
            throw new BodyTooLargeException(content.Headers.ContentLength.Value, limit);
        }

        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = idle is { } perRead
                   ? await IdleRead.ReadAsync(stream, chunk, perRead, cancellationToken)
                   : await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw new BodyTooLargeException(buffer.Length + read, limit);
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// Reads an error body (capped, truncation tolerated; each read must make progress within <paramref name="idle"/>)
    /// and describes it as <c>": CODE: message"</c>, <c>" (error body: no data within N s)"</c> when it stalled, or "".
    /// </summary>
    public static async Task<string> DescribeAsync(HttpContent content, TimeSpan idle, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = await content.ReadAsStreamAsync(cancellationToken);
            var buffer = new byte[MaxErrorBodyBytes];
            var total = 0;
            int read;
            while (total < buffer.Length && (read = await IdleRead.ReadAsync(stream, buffer.AsMemory(total), idle, cancellationToken)) > 0)
            {
                total += read;
            }

            return Describe(buffer.AsSpan(0, total).ToArray());
        }
        catch (IdleReadTimeoutException e)
        {
            return $" (error body: {e.Message})";
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            return "";
        }
    }

    public static string Describe(byte[] body)
    {
        if (body.Length == 0)
        {
            return "";
        }

        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind != JsonValueKind.Object
                || !json.RootElement.TryGetProperty("errors", out var errors)
                || errors.ValueKind != JsonValueKind.Array)
            {
                return "";
            }

            var parts = errors.EnumerateArray()
                .Where(e => e.ValueKind == JsonValueKind.Object)
                .Select(e => string.Join(": ", new[] { Text(e, "code"), Text(e, "message") }.Where(t => !string.IsNullOrEmpty(t))))
                .Where(p => p.Length > 0);
            var text = string.Join("; ", parts);
            return text.Length == 0 ? "" : ": " + Cap(text);
        }
        catch (JsonException)
        {
            return "";
        }
    }

    private static string Cap(string text)
    {
        var builder = new StringBuilder(Math.Min(text.Length, MaxMessageChars + 1));
        foreach (var c in text.Take(MaxMessageChars))
        {
            builder.Append(char.IsControl(c) ? ' ' : c);
        }

        return text.Length > MaxMessageChars ? builder.Append('…').ToString() : builder.ToString();
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

/// <summary>A body exceeded its size cap.</summary>
internal sealed class BodyTooLargeException(long size, long limit)
    : Exception($"body of at least {size} bytes exceeds the limit of {limit} bytes")
{
    public long Limit { get; } = limit;
}

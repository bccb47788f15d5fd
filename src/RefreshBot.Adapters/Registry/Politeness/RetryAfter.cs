using System.Net.Http.Headers;

namespace RefreshBot.Adapters.Registry.Politeness;

/// <summary>Reads <c>Retry-After</c> (delta seconds or HTTP date) and Docker Hub's <c>ratelimit-remaining</c>.</summary>
internal static class RateLimitHeaders
{
    /// <summary>The wait asked for, or null when absent/unreadable. A date in the past means zero.</summary>
    public static TimeSpan? RetryAfter(HttpResponseHeaders headers, DateTimeOffset now)
    {
        var value = headers.RetryAfter;
        if (value?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (value?.Date is { } date)
        {
            var wait = date - now;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    /// <summary>
    /// Docker Hub's <c>ratelimit-remaining: 0;w=21600</c>: remaining count and window (seconds), or null when absent.
    /// </summary>
    public static (int Remaining, TimeSpan? Window)? Remaining(HttpResponseHeaders headers)
    {
        if (!headers.TryGetValues("ratelimit-remaining", out var values))
        {
            return null;
        }

        var text = values.FirstOrDefault() ?? "";
        var parts = text.Split(';', StringSplitOptions.TrimEntries);
        if (!int.TryParse(parts[0], out var remaining))
        {
            return null;
        }

        TimeSpan? window = null;
        foreach (var part in parts.Skip(1))
        {
            if (part.StartsWith("w=", StringComparison.OrdinalIgnoreCase) && int.TryParse(part[2..], out var seconds) && seconds > 0)
            {
                window = TimeSpan.FromSeconds(seconds);
            }
        }

        return (remaining, window);
    }
}

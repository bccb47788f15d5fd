using System.Globalization;
using System.Net;
using Octokit;
using RefreshBot.Application.Refresh.Ports;

namespace RefreshBot.Adapters.GitHub.Transport;

/// <summary>
/// Maps what Octokit and the HTTP stack throw to a <see cref="CodeHostException"/> naming the request
/// (method and path only). Messages come from GitHub's error body, which never echoes credentials.
/// </summary>
internal static class GitHubFailures
{
    /// <summary>How long to wait after a rate-limit answer that says nothing about when (GitHub: "at least one minute").</summary>
    public static readonly TimeSpan DefaultRateLimitWait = TimeSpan.FromMinutes(1);

    /// <summary>The classified failure, or null when <paramref name="error"/> is not a code host failure (e.g. the caller cancelled).</summary>
    public static CodeHostException? Classify(Exception error, string request, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested && error is OperationCanceledException)
        {
            return null;
        }

        return error switch
        {
            ApiException api => FromResponse(api, request, now),
            OperationCanceledException or TimeoutException =>
                new CodeHostException(CodeHostErrorKind.Transient, request, "timed out", inner: error),
            HttpRequestException or IOException =>
                new CodeHostException(CodeHostErrorKind.Transient, request, "connection failed: " + error.Message, inner: error),
            _ => null,
        };
    }

    private static CodeHostException FromResponse(ApiException api, string request, DateTimeOffset now)
    {
        var status = (int)api.StatusCode;
        var message = Describe(api);
        var headers = api.HttpResponse?.Headers;
        if (status is 403 or 429 && RateLimitedUntil(headers, status, message, now) is { } retryAt)
        {
            return new CodeHostException(CodeHostErrorKind.RateLimited, request,
                $"rate limited until {retryAt:O} ({status}: {message})", retryAt, api);
        }

        var kind = status switch
        {
            401 or 403 => CodeHostErrorKind.Auth,
            404 or 410 => CodeHostErrorKind.NotFound,
            >= 500 => CodeHostErrorKind.Transient,
            408 => CodeHostErrorKind.Transient,
            _ => CodeHostErrorKind.Invalid,
        };
        return new CodeHostException(kind, request, $"{status} {message}", inner: api);
    }

    /// <summary>Secondary limits send Retry-After; the primary limit sends x-ratelimit-remaining: 0 with x-ratelimit-reset.</summary>
    private static DateTimeOffset? RateLimitedUntil(IReadOnlyDictionary<string, string>? headers, int status, string message, DateTimeOffset now)
    {
        if (Header(headers, "Retry-After") is { } retryAfter)
        {
            if (int.TryParse(retryAfter, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            {
                return now.AddSeconds(seconds);
            }

            if (DateTimeOffset.TryParse(retryAfter, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
            {
                return date;
            }
        }

        if (Header(headers, "x-ratelimit-remaining") == "0"
            && long.TryParse(Header(headers, "x-ratelimit-reset"), NumberStyles.None, CultureInfo.InvariantCulture, out var reset))
        {
            var at = DateTimeOffset.FromUnixTimeSeconds(reset);
            return at > now ? at : now.Add(DefaultRateLimitWait);
        }

        return status == 429 || message.Contains("rate limit", StringComparison.OrdinalIgnoreCase)
            ? now.Add(DefaultRateLimitWait)
            : null;
    }

    private static string? Header(IReadOnlyDictionary<string, string>? headers, string name) =>
        headers?.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value?.Trim();

    /// <summary>GitHub's message plus its <c>errors[]</c> (where "A pull request already exists for …" lives).</summary>
    private static string Describe(ApiException api)
    {
        var error = api.ApiError;
        var parts = new List<string>();
        if (!string.IsNullOrWhiteSpace(error?.Message))
        {
            parts.Add(error.Message);
        }

        foreach (var detail in error?.Errors ?? [])
        {
            var text = detail.Message ?? string.Join(" ", new[] { detail.Resource, detail.Field, detail.Code }.Where(s => !string.IsNullOrEmpty(s)));
            if (!string.IsNullOrWhiteSpace(text))
            {
                parts.Add(text);
            }
        }

        return parts.Count > 0 ? string.Join("; ", parts) : ((HttpStatusCode)(int)api.StatusCode).ToString();
    }
}

using System.Globalization;
using System.Text.Json.Nodes;
using RefreshBot.Testing.GitHub.Json;

namespace RefreshBot.Testing.GitHub;

/// <summary>An armed fault: the next matching request gets this answer instead of the real one.</summary>
/// <param name="Method">Only requests with this method (null: any).</param>
/// <param name="PathContains">Only requests whose path (below <c>/api/v3</c>) contains this (null: any).</param>
public sealed record GitHubFault(int Status, JsonNode? Body, IReadOnlyDictionary<string, string> Headers, string? Method = null, string? PathContains = null)
{
    internal bool Matches(string method, string path) =>
        (Method is null || string.Equals(Method, method, StringComparison.OrdinalIgnoreCase))
        && (PathContains is null || path.Contains(PathContains, StringComparison.Ordinal));
}

/// <summary>
/// Faults the fake GitHub injects, in order: "the next N requests (matching method + path) answer 500/502,
/// a primary or secondary rate limit, 422, 404, or a body of your choosing".
/// </summary>
public sealed class GitHubFaults(TimeProvider time)
{
    private readonly List<GitHubFault> _queue = [];
    private readonly Lock _gate = new();

    public int Pending
    {
        get
        {
            lock (_gate)
            {
                return _queue.Count;
            }
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _queue.Clear();
        }
    }

    public void Add(GitHubFault fault, int count = 1)
    {
        lock (_gate)
        {
            _queue.AddRange(Enumerable.Repeat(fault, count));
        }
    }

    /// <summary>5xx with GitHub's body (<c>{"message":"Server Error"}</c> style), with <c>Retry-After</c> when <paramref name="retryAfter"/> is set.</summary>
    public void ServerError(int count = 1, int status = 500, string? method = null, string? pathContains = null, TimeSpan? retryAfter = null) =>
        Add(new GitHubFault(status, ErrorJson.Basic(status, status == 502 ? "Bad Gateway" : "Server Error"),
            retryAfter is { } wait
                ? new Dictionary<string, string> { ["retry-after"] = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture) }
                : NoHeaders,
            method, pathContains), count);

    /// <summary>Primary rate limit (403, or 429): <c>x-ratelimit-remaining: 0</c>, <c>x-ratelimit-reset</c> in <paramref name="resetIn"/>.</summary>
    public void PrimaryRateLimit(TimeSpan resetIn, int count = 1, string? method = null, string? pathContains = null, int status = 403)
    {
        var reset = time.GetUtcNow().Add(resetIn).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var headers = new Dictionary<string, string>
        {
            ["x-ratelimit-limit"] = "5000",
            ["x-ratelimit-remaining"] = "0",
            ["x-ratelimit-used"] = "5000",
            ["x-ratelimit-reset"] = reset,
            ["x-ratelimit-resource"] = "core",
        };
        var body = ErrorJson.Basic(status, "API rate limit exceeded for installation ID 1.",
            "https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting");
        Add(new GitHubFault(status, body, headers, method, pathContains), count);
    }

    /// <summary>Secondary rate limit (403 or 429) with <c>Retry-After</c>.</summary>
    public void SecondaryRateLimit(TimeSpan retryAfter, int count = 1, int status = 403, string? method = null, string? pathContains = null)
    {
        var headers = new Dictionary<string, string>
        {
            ["retry-after"] = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture),
        };
        var body = ErrorJson.Basic(status,
            "You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID 0000:0000:0000000:0000000:00000000.",
            "https://docs.github.com/free-pro-team@latest/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits");
        Add(new GitHubFault(status, body, headers, method, pathContains), count);
    }

    public void ValidationFailed(int count = 1, string? method = null, string? pathContains = null) =>
        Add(new GitHubFault(422, ErrorJson.ValidationFailed("PullRequest", "custom", "injected validation failure"), NoHeaders, method, pathContains), count);

    public void NotFound(int count = 1, string? method = null, string? pathContains = null) =>
        Add(new GitHubFault(404, ErrorJson.Basic(404, "Not Found"), NoHeaders, method, pathContains), count);

    /// <summary>Serves <paramref name="body"/> as is (e.g. a deliberately wrong shape the OpenAPI check must catch).</summary>
    public void ServeBody(int status, JsonNode body, string? method = null, string? pathContains = null) =>
        Add(new GitHubFault(status, body, NoHeaders, method, pathContains));

    internal GitHubFault? TakeFor(string method, string path)
    {
        lock (_gate)
        {
            var index = _queue.FindIndex(f => f.Matches(method, path));
            if (index < 0)
            {
                return null;
            }

            var fault = _queue[index];
            _queue.RemoveAt(index);
            return fault;
        }
    }

    private static readonly IReadOnlyDictionary<string, string> NoHeaders = new Dictionary<string, string>();
}

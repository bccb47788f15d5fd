using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;

namespace RefreshBot.Adapters.GitHub.Transport;

/// <summary>
/// Retries GitHub requests that failed transiently (500/502/503/504, a failed connection) when replaying them cannot
/// make a duplicate: at most <see cref="MaxRetries"/> times, after a jittered exponential backoff (or GitHub's
/// <c>Retry-After</c> when a 5xx carries one), honouring cancellation.
/// <list type="bullet">
/// <item>GET and HEAD read; PUT and DELETE are idempotent by HTTP; PATCH is idempotent for every use the bot makes of it
/// (it sets a pull request's or issue's title, body or state to a value, never increments) — these are retried.</item>
/// <item>POST creates (a pull request, an issue, a comment, a review request, labels, an installation token): it is
/// retried only when it provably never reached GitHub — the name did not resolve or the connection was not
/// established. A POST answered 5xx, or cut off after sending, is returned as is: it may have taken effect.</item>
/// <item>Rate-limit answers (403/429) are never retried here; <see cref="GitHubFailures"/> turns them into a wait.</item>
/// </list>
/// Each attempt has its own timeout (the configured request timeout, covering the body too, which is buffered here):
/// a timed-out replayable request is retried; a timed-out POST is not (it may have reached GitHub) and fails as a
/// <see cref="TimeoutException"/>. Waits go through the injected <see cref="TimeProvider"/>.
/// </summary>
internal sealed partial class TransientRetry(TimeSpan attemptTimeout, TimeProvider time, ILogger logger) : DelegatingHandler
{
    public const int MaxRetries = 2;

    /// <summary>The first retry waits 1–2× this, the second 2–4× (uniform jitter over each doubling).</summary>
    public static readonly TimeSpan BaseDelay = TimeSpan.FromMilliseconds(500);

    /// <summary>A 5xx asking to wait longer than this is not retried in the cycle (it is reported as transient).</summary>
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(30);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var replayable = IsReplayable(request.Method);
        for (var retry = 0; ; retry++)
        {
            HttpResponseMessage response;
            try
            {
                response = await AttemptAsync(request, cancellationToken);
            }
            catch (HttpRequestException e) when (retry < MaxRetries && !cancellationToken.IsCancellationRequested
                                                 && (replayable || NeverSent(e)))
            {
                var wait = Backoff(retry);
                LogRetry(logger, request.Method.Method, PathOf(request), "connection failed (" + e.HttpRequestError + ")", retry + 1, MaxRetries, wait);
                await Task.Delay(wait, time, cancellationToken);
                continue;
            }
            catch (IOException e) when (retry < MaxRetries && replayable && !cancellationToken.IsCancellationRequested)
            {
                var wait = Backoff(retry);
                LogRetry(logger, request.Method.Method, PathOf(request), "body cut off (" + e.GetType().Name + ")", retry + 1, MaxRetries, wait);
                await Task.Delay(wait, time, cancellationToken);
                continue;
            }
            catch (TimeoutException) when (retry < MaxRetries && replayable)
            {
                var wait = Backoff(retry);
                LogRetry(logger, request.Method.Method, PathOf(request), "timed out after " + attemptTimeout, retry + 1, MaxRetries, wait);
                await Task.Delay(wait, time, cancellationToken);
                continue;
            }

            if (retry >= MaxRetries || !replayable || !IsTransient(response.StatusCode) || WaitFor(response, retry) is not { } delay)
            {
                return response;
            }

            LogRetry(logger, request.Method.Method, PathOf(request), ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture), retry + 1, MaxRetries, delay);
            response.Dispose();
            await Task.Delay(delay, time, cancellationToken);
        }
    }

    /// <summary>One attempt, headers and body, within <c>attemptTimeout</c> (real time: it guards against the network).</summary>
    private async Task<HttpResponseMessage> AttemptAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(attemptTimeout);
        HttpResponseMessage? response = null;
        try
        {
            response = await base.SendAsync(request, attempt.Token);
            await response.Content.LoadIntoBufferAsync(attempt.Token);
            return response;
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            response?.Dispose();
            throw new TimeoutException($"GitHub {request.Method.Method} {PathOf(request)} timed out after {attemptTimeout}", e);
        }
        catch
        {
            response?.Dispose();
            throw;
        }
    }

    /// <summary>Methods whose replay cannot create a second anything (see the class remarks for PATCH).</summary>
    internal static bool IsReplayable(HttpMethod method) =>
        method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Put || method == HttpMethod.Delete || method == HttpMethod.Patch;

    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    /// <summary>Failures before a connection existed: not one byte of the request left this process.</summary>
    private static bool NeverSent(HttpRequestException error) =>
        error.HttpRequestError is HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError;

    /// <summary>The backoff, or GitHub's Retry-After when longer; null when that is too long to wait inside a cycle.</summary>
    private TimeSpan? WaitFor(HttpResponseMessage response, int retry)
    {
        var backoff = Backoff(retry);
        if (response.Headers.RetryAfter is not { } retryAfter)
        {
            return backoff;
        }

        var asked = retryAfter.Delta ?? (retryAfter.Date is { } date ? date - time.GetUtcNow() : TimeSpan.Zero);
        if (asked > MaxRetryAfter)
        {
            return null;
        }

        return asked > backoff ? asked : backoff;
    }

    private static TimeSpan Backoff(int retry)
    {
        var step = BaseDelay * Math.Pow(2, retry);
        return step + step * Random.Shared.NextDouble();
    }

    /// <summary>Path only: never the query, host or anything from the headers.</summary>
    private static string PathOf(HttpRequestMessage request) => request.RequestUri?.AbsolutePath ?? "?";

    [LoggerMessage(Level = LogLevel.Warning, Message = "GitHub {Method} {Path} failed transiently ({Status}); retry {Retry} of {MaxRetries} in {Delay}")]
    private static partial void LogRetry(ILogger logger, string method, string path, string status, int retry, int maxRetries, TimeSpan delay);
}

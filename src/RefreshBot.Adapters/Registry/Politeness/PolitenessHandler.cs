using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;
using RefreshBot.Application.Ports;
using RefreshBot.Application.Telemetry;

namespace RefreshBot.Adapters.Registry.Politeness;

/// <summary>
/// Outermost handler: per-registry concurrency limit, Docker Hub <c>ratelimit-remaining</c> (at 0 the
/// registry is left alone for the announced window and requests fail fast as Transient), 429 with
/// <c>Retry-After</c> (waited when within <see cref="RegistryClientOptions.MaxRetryAfter"/>, else fail fast),
/// bounded retries with exponential backoff and jitter for 408/429/5xx, timeouts and connection failures,
/// a per-attempt timeout, and a cool-down for a registry that could not be connected to through every retry (a request that
/// connected but timed out fails alone). Waiting goes through the injected <see cref="TimeProvider"/>.
/// </summary>
internal sealed partial class PolitenessHandler(
    RegistryClientOptions options, RegistryThrottle throttle, TimeProvider time, ILogger logger, RefreshBotMetrics? metrics = null)
    : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var context = RegistryRequestContext.Of(request);
        var gate = throttle.Gate(context.Registry);
        await gate.WaitAsync(cancellationToken);
        try
        {
            // Did any attempt reach the registry (an answer, or a connection that then timed out)? Only a registry
            // never reached is put in the cool-down: one slow image must not fail every other image on its host.
            var reached = false;
            for (var attempt = 0; ; attempt++)
            {
                if (throttle.BlockedReason(context.Registry, time.GetUtcNow()) is { } reason)
                {
                    throw new RegistryTransportException(RegistryErrorKind.Transient, reason);
                }

                var lastAttempt = attempt >= options.MaxRetries;
                HttpResponseMessage response;
                using (var attemptTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
                {
                    attemptTimeout.CancelAfter(options.RequestTimeout);
                    try
                    {
                        response = await base.SendAsync(request, attemptTimeout.Token);
                    }
                    catch (Exception e) when (IsTransportFailure(e, cancellationToken))
                    {
                        var connectionFailure = IsConnectionFailure(e);
                        reached |= !connectionFailure;
                        var what = connectionFailure
                            ? "connection failed (" + e.Message + ")"
                            : $"no answer within {options.RequestTimeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s";
                        if (lastAttempt)
                        {
                            var failure = $"{what} after {attempt + 1} attempts";
                            if (!reached)
                            {
                                MarkUnreachable(context.Registry, failure);
                            }

                            throw new RegistryTransportException(RegistryErrorKind.Transient, failure, e);
                        }

                        await WaitAsync(Backoff(attempt), context, what, cancellationToken);
                        continue;
                    }
                }

                reached = true;
                ReadRateLimit(response, context.Registry);
                var status = (int)response.StatusCode;
                metrics?.RegistryResponse(context.Registry, status);
                if (status == 429)
                {
                    var retryAfter = RateLimitHeaders.RetryAfter(response.Headers, time.GetUtcNow());
                    if (throttle.BlockedReason(context.Registry, time.GetUtcNow()) is { } blocked)
                    {
                        response.Dispose();
                        throw new RegistryTransportException(RegistryErrorKind.Transient, blocked);
                    }

                    if (retryAfter > options.MaxRetryAfter)
                    {
                        response.Dispose();
                        throw new RegistryTransportException(RegistryErrorKind.Transient,
                            $"rate limited (429); Retry-After {retryAfter.Value.TotalSeconds:0} s is longer than the {options.MaxRetryAfter.TotalSeconds:0} s we wait");
                    }

                    if (lastAttempt)
                    {
                        return response;
                    }

                    response.Dispose();
                    await WaitAsync(retryAfter ?? Backoff(attempt), context, "429 Too Many Requests", cancellationToken);
                    continue;
                }

                if ((status is 408 or 500 or 502 or 503 or 504) && !lastAttempt)
                {
                    response.Dispose();
                    await WaitAsync(Backoff(attempt), context, status.ToString(CultureInfo.InvariantCulture), cancellationToken);
                    continue;
                }

                return response;
            }
        }
        finally
        {
            gate.Release();
        }
    }

    private static bool IsTransportFailure(Exception e, CancellationToken callerToken) =>
        e is HttpRequestException || (e is OperationCanceledException && !callerToken.IsCancellationRequested);

    /// <summary>
    /// The registry was not reached: DNS, connect refused or timed out (<see cref="SocketsHttpHandler.ConnectTimeout"/>),
    /// TLS, or the connection dropped before any answer. An attempt timeout on a connection that was made, or a
    /// malformed answer, is not.
    /// </summary>
    private static bool IsConnectionFailure(Exception e) => e switch
    {
        HttpRequestException { HttpRequestError: HttpRequestError.InvalidResponse or HttpRequestError.HttpProtocolError } => false,
        HttpRequestException => true,
        OperationCanceledException { InnerException: TimeoutException } => true,
        _ => false,
    };

    private void ReadRateLimit(HttpResponseMessage response, string registry)
    {
        var announced = RateLimitHeaders.Remaining(response.Headers);
        if (announced is { } remaining)
        {
            metrics?.RateLimitRemaining(registry, remaining.Remaining);
        }

        if (announced is not { Remaining: <= 0 } limit)
        {
            return;
        }

        var window = limit.Window ?? TimeSpan.FromHours(6);
        var until = time.GetUtcNow() + window;
        var reason = $"pull rate limit exhausted (ratelimit-remaining 0 in a {window.TotalSeconds:0} s window); "
            + $"no requests to this registry until {until.ToString("u", CultureInfo.InvariantCulture)}";
        throttle.Block(registry, until, reason);
        LogRateLimitExhausted(logger, registry, window.TotalSeconds);
    }

    /// <summary>A registry that cannot be reached through every retry is left alone for a while: the rest of the fleet fails fast.</summary>
    private void MarkUnreachable(string registry, string failure)
    {
        if (options.UnreachableCooldown <= TimeSpan.Zero)
        {
            return;
        }

        var until = time.GetUtcNow() + options.UnreachableCooldown;
        throttle.Block(registry, until,
            $"registry unreachable ({failure}); not asked again until {until.ToString("u", CultureInfo.InvariantCulture)}");
        LogUnreachable(logger, registry, failure, options.UnreachableCooldown.TotalSeconds);
    }

    private TimeSpan Backoff(int attempt)
    {
        var exponential = options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, attempt);
        var capped = Math.Min(exponential, options.MaxRetryDelay.TotalMilliseconds);
        // jitter: somewhere between half and all of the capped delay
        return TimeSpan.FromMilliseconds(capped * (0.5 + (Random.Shared.NextDouble() * 0.5)));
    }

    private async Task WaitAsync(TimeSpan delay, RegistryRequestContext context, string why, CancellationToken cancellationToken)
    {
        LogRetry(logger, context.Registry, context.Repository, context.Reference, why, delay.TotalMilliseconds);
        await Task.Delay(delay, time, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retrying {Registry} {Image}:{Reference} after {Reason}; waiting {DelayMs} ms")]
    private static partial void LogRetry(ILogger logger, string registry, string image, string reference, string reason, double delayMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Registry {Registry} is unreachable ({Failure}); failing its requests fast for {CooldownSeconds} s")]
    private static partial void LogUnreachable(ILogger logger, string registry, string failure, double cooldownSeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Registry {Registry} reports its pull rate limit exhausted; pausing for {WindowSeconds} s")]
    private static partial void LogRateLimitExhausted(ILogger logger, string registry, double windowSeconds);
}

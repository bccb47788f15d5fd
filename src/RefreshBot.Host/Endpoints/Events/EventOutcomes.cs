using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using RefreshBot.Application.Telemetry;

namespace RefreshBot.Host.Endpoints.Events;

/// <summary>
/// How an event request ends: logged (rejections as warnings, with the reason and the caller's address — never a secret
/// or the body), counted in <c>refreshbot_events{source,result}</c>, answered with a small JSON object.
/// </summary>
public sealed partial class EventOutcomes(ILogger<EventOutcomes> logger, RefreshBotMetrics? metrics = null)
{
    public IResult Reject(HttpContext http, string source, int status, string result, string message)
    {
        LogRejected(logger, source, status, message, Caller(http));
        metrics?.EventReceived(source, result);
        return Results.Json(new EventError(message), statusCode: status);
    }

    public IResult Done<T>(HttpContext http, string source, string result, T body, int status = StatusCodes.Status202Accepted)
    {
        LogHandled(logger, source, result, Caller(http));
        metrics?.EventReceived(source, result);
        return Results.Json(body, statusCode: status);
    }

    private static string Caller(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected {Source} event from {Caller} with {Status}: {Reason}")]
    private static partial void LogRejected(ILogger logger, string source, int status, string reason, string caller);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Source} event from {Caller}: {Result}")]
    private static partial void LogHandled(ILogger logger, string source, string result, string caller);
}

/// <summary>The body of a rejection.</summary>
public sealed record EventError(string Error);

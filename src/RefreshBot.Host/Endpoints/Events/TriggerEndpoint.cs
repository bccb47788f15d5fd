using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using RefreshBot.Application.Refresh.Triggers;
using RefreshBot.Host.Config;

namespace RefreshBot.Host.Endpoints.Events;

/// <summary>
/// <c>POST /trigger</c> with <c>Authorization: Bearer &lt;token&gt;</c>: an early refresh of one repository
/// (<c>?repository=&lt;id&gt;</c> or a JSON body <c>{"repository": "&lt;id&gt;"}</c>; 404 when not tracked) or, with
/// neither, of every tracked repository.
/// </summary>
internal static class TriggerEndpoint
{
    public const string Path = "/trigger";
    private const string Source = "trigger";

    public static async Task<IResult> HandleAsync(HttpContext http, SecretText token, CancellationToken cancellationToken)
    {
        var outcomes = http.RequestServices.GetRequiredService<EventOutcomes>();
        var authorization = http.Request.Headers.Authorization.ToString();
        var bearer = authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization["Bearer ".Length..].Trim() : null;
        if (!SharedSecret.Matches(bearer, token))
        {
            var why = authorization.Length == 0 ? "missing Authorization header" : bearer is null ? "Authorization is not a Bearer token" : "wrong token";
            return outcomes.Reject(http, Source, StatusCodes.Status401Unauthorized, "unauthorized", why);
        }

        var body = await EventBody.ReadAsync(http.Request, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return outcomes.Reject(http, Source, StatusCodes.Status413PayloadTooLarge, "too-large", $"body larger than {EventBody.MaxBytes} bytes");
        }

        var repository = http.Request.Query["repository"].ToString();
        if (body.Length > 0)
        {
            using var json = EventBody.TryParse(body, out var malformed);
            if (json is null || json.RootElement.ValueKind != JsonValueKind.Object)
            {
                return outcomes.Reject(http, Source, StatusCodes.Status400BadRequest, "malformed", malformed ?? "expected a JSON object such as {\"repository\": \"owner/name\"}");
            }

            if (json.RootElement.TryGetProperty("repository", out var named))
            {
                if (named.ValueKind != JsonValueKind.String || repository.Length > 0)
                {
                    return outcomes.Reject(http, Source, StatusCodes.Status400BadRequest, "malformed",
                        "expected \"repository\" to be a string, and not together with ?repository=");
                }

                repository = named.GetString()!;
            }
        }

        var trigger = http.RequestServices.GetRequiredService<IRefreshTrigger>();
        if (repository.Length == 0)
        {
            var total = trigger.Repositories.Count;
            var requested = await trigger.RequestAllAsync("manual trigger (all)", cancellationToken).ConfigureAwait(false);
            return outcomes.Done(http, Source, "requested", new TriggerSummary(requested, total - requested, [.. trigger.Repositories.Order(StringComparer.Ordinal)]));
        }

        var result = await trigger.RequestAsync(repository, "manual trigger", cancellationToken).ConfigureAwait(false);
        return result switch
        {
            TriggerResult.UnknownRepository => outcomes.Reject(http, Source, StatusCodes.Status404NotFound, "unknown-repository",
                $"no tracked repository has the id '{repository}'"),
            _ => outcomes.Done(http, Source, "requested",
                new TriggerSummary(result == TriggerResult.Requested ? 1 : 0, result == TriggerResult.AlreadyPending ? 1 : 0, [repository])),
        };
    }
}

/// <param name="Requested">Early refreshes newly requested.</param>
/// <param name="AlreadyPending">Repositories that already had one pending (debounced).</param>
/// <param name="Repositories">The repositories asked for.</param>
internal sealed record TriggerSummary(int Requested, int AlreadyPending, IReadOnlyList<string> Repositories);

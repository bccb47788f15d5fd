using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using RefreshBot.Application.Refresh.Triggers;
using RefreshBot.Host.Config;

namespace RefreshBot.Host.Endpoints.Events;

/// <summary>
/// <c>POST /events/github</c>: GitHub webhooks, signed with the webhook secret (<c>X-Hub-Signature-256</c>, checked before
/// anything else is read). <c>ping</c> → 200; <c>push</c> to a tracked repository's target branch (its configured branch,
/// else the repository's default branch) and <c>pull_request</c> <c>closed</c> (merged or not) on a tracked repository →
/// that repository's early refresh; anything else → 202 ignored.
/// </summary>
internal static class GitHubEventsEndpoint
{
    public const string Path = "/events/github";
    private const string Source = "github";

    public static async Task<IResult> HandleAsync(HttpContext http, SecretText secret, CancellationToken cancellationToken)
    {
        var outcomes = http.RequestServices.GetRequiredService<EventOutcomes>();
        var signature = http.Request.Headers["X-Hub-Signature-256"].ToString();
        if (signature.Length == 0)
        {
            return outcomes.Reject(http, Source, StatusCodes.Status401Unauthorized, "unauthorized", "missing X-Hub-Signature-256 header");
        }

        var body = await EventBody.ReadAsync(http.Request, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return outcomes.Reject(http, Source, StatusCodes.Status413PayloadTooLarge, "too-large", $"body larger than {EventBody.MaxBytes} bytes");
        }

        if (!SharedSecret.SignatureMatches(signature, body, secret))
        {
            return outcomes.Reject(http, Source, StatusCodes.Status401Unauthorized, "unauthorized", "X-Hub-Signature-256 does not match the body");
        }

        var kind = http.Request.Headers["X-GitHub-Event"].ToString();
        using var payload = EventBody.TryParse(body, out var malformed);
        if (payload is null || payload.RootElement.ValueKind != JsonValueKind.Object)
        {
            return outcomes.Reject(http, Source, StatusCodes.Status400BadRequest, "malformed", malformed ?? "expected a JSON object");
        }

        if (kind == "ping")
        {
            return outcomes.Done(http, Source, "ping", new GitHubEventResult("pong", null, null), StatusCodes.Status200OK);
        }

        var root = payload.RootElement;
        var fullName = root.Text("repository", "full_name");
        var tracked = fullName is null ? null : http.RequestServices.GetRequiredService<EventFleet>().GitHub(fullName);
        var reason = (kind, tracked) switch
        {
            (not ("push" or "pull_request"), _) => null,
            (_, null) => null,
            ("push", _) when root.Text("ref") == "refs/heads/" + (tracked.Branch ?? root.Text("repository", "default_branch")) =>
                $"github push to {root.Text("ref")}",
            ("pull_request", _) when root.Text("action") == "closed" =>
                $"github pull request #{Number(root)} closed",
            _ => null,
        };
        if (reason is null || tracked is null)
        {
            var why = tracked is null && kind is "push" or "pull_request"
                ? "not a tracked repository"
                : $"{(kind.Length == 0 ? "no event kind" : kind)} does not concern a refresh";
            return outcomes.Done(http, Source, "ignored", new GitHubEventResult("ignored", tracked?.Id, why));
        }

        var trigger = http.RequestServices.GetRequiredService<IRefreshTrigger>();
        var result = await trigger.RequestAsync(tracked.Id, reason, cancellationToken).ConfigureAwait(false);
        var name = result switch
        {
            TriggerResult.Requested => "requested",
            TriggerResult.AlreadyPending => "already-pending",
            _ => "unknown-repository",
        };
        return outcomes.Done(http, Source, name, new GitHubEventResult(name, tracked.Id, reason));
    }

    private static string Number(JsonElement root) =>
        root.TryGetProperty("number", out var number) && number.ValueKind == JsonValueKind.Number ? number.GetRawText() : "?";
}

/// <param name="Result"><c>pong</c>, <c>requested</c>, <c>already-pending</c>, <c>ignored</c>.</param>
/// <param name="Repository">The tracked repository concerned, if any.</param>
/// <param name="Reason">Why it was requested or ignored.</param>
internal sealed record GitHubEventResult(string Result, string? Repository, string? Reason);

using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using RefreshBot.Application.Check;
using RefreshBot.Application.Refresh.History;
using RefreshBot.Application.Refresh.Triggers;
using RefreshBot.Domain.References;
using RefreshBot.Host.Config;

namespace RefreshBot.Host.Endpoints.Events;

/// <summary>
/// <c>POST /events/registry</c>: a registry's push notifications. The configured header must carry the shared secret
/// (its whole value, or <c>Bearer &lt;secret&gt;</c>). Each tagged manifest push requests an early refresh of the
/// repositories whose last run used that image and tag. Matching: the normalized name <c>request.host/repository</c>
/// first; when nothing matches and no recorded image lives on that host at all, the host is taken for an alias of
/// another (a registry behind a proxy or known by several names) and the repository path and tag alone are matched.
/// </summary>
internal static class RegistryEventsEndpoint
{
    public const string Path = "/events/registry";
    private const string Source = "registry";

    public static async Task<IResult> HandleAsync(HttpContext http, RegistryEventSettings settings, CancellationToken cancellationToken)
    {
        var outcomes = http.RequestServices.GetRequiredService<EventOutcomes>();
        var presented = http.Request.Headers[settings.Header].ToString();
        if (!SharedSecret.Matches(presented, settings.Secret) && !SharedSecret.Matches(StripBearer(presented), settings.Secret))
        {
            var why = presented.Length == 0 ? $"missing {settings.Header} header" : $"wrong secret in the {settings.Header} header";
            return outcomes.Reject(http, Source, StatusCodes.Status401Unauthorized, "unauthorized", why);
        }

        var body = await EventBody.ReadAsync(http.Request, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return outcomes.Reject(http, Source, StatusCodes.Status413PayloadTooLarge, "too-large", $"body larger than {EventBody.MaxBytes} bytes");
        }

        using var envelope = EventBody.TryParse(body, out var malformed);
        var pushes = envelope is null ? null : RegistryPush.Read(envelope, out _, out malformed);
        if (pushes is null)
        {
            return outcomes.Reject(http, Source, StatusCodes.Status400BadRequest, "malformed", malformed!);
        }

        // Jobs of the service share tag answers for a while (TagLookupMemo): a pushed tag is asked again by the next one.
        if (http.RequestServices.GetService<TagLookupMemo>() is { } memo)
        {
            foreach (var push in pushes)
            {
                memo.Invalidate(push.Repository, push.Tag);
            }
        }

        var usage = http.RequestServices.GetRequiredService<IImageUsageIndex>();
        var trigger = http.RequestServices.GetRequiredService<IRefreshTrigger>();
        var wanted = new SortedDictionary<string, string>(StringComparer.Ordinal);
        IReadOnlyList<RecordedImageUse>? uses = null;
        foreach (var push in pushes)
        {
            uses = await MatchAsync(push, usage, uses, wanted, cancellationToken).ConfigureAwait(false);
        }

        var (requested, pending) = (0, 0);
        foreach (var (repository, reason) in wanted)
        {
            var result = await trigger.RequestAsync(repository, reason, cancellationToken).ConfigureAwait(false);
            requested += result == TriggerResult.Requested ? 1 : 0;
            pending += result == TriggerResult.AlreadyPending ? 1 : 0;
        }

        var summary = new RegistryEventSummary(pushes.Count, requested, pending, [.. wanted.Keys]);
        return outcomes.Done(http, Source, wanted.Count == 0 ? "ignored" : "requested", summary);
    }

    /// <summary>Adds the repositories using <paramref name="push"/>'s image and tag; returns the recorded uses once loaded.</summary>
    private static async Task<IReadOnlyList<RecordedImageUse>?> MatchAsync(
        RegistryPush push, IImageUsageIndex usage, IReadOnlyList<RecordedImageUse>? uses, IDictionary<string, string> wanted,
        CancellationToken cancellationToken)
    {
        var host = push.Host;
        if (ImageReference.TryParse($"{push.Host}/{push.Repository}:{push.Tag}", out var image, out _) && image is not null)
        {
            host = image.Domain;
            var exact = await usage.RepositoriesUsingAsync(image.Name, push.Tag, cancellationToken).ConfigureAwait(false);
            foreach (var repository in exact)
            {
                wanted.TryAdd(repository, $"registry push {image.Name}:{push.Tag}");
            }

            if (exact.Count > 0)
            {
                return uses;
            }
        }

        uses ??= await usage.ImageUsesAsync(cancellationToken).ConfigureAwait(false);
        if (uses.Any(u => string.Equals(DomainOf(u.Image), host, StringComparison.OrdinalIgnoreCase)))
        {
            return uses;    // the host is one we know: nothing of it uses this image
        }

        foreach (var use in uses.Where(u => u.Tag == push.Tag && PathOf(u.Image) == push.Repository))
        {
            wanted.TryAdd(use.Repository, $"registry push {push.Repository}:{push.Tag} (host {host} matched by path)");
        }

        return uses;
    }

    private static string StripBearer(string value) =>
        value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? value["Bearer ".Length..] : "";

    private static string DomainOf(string image) => image.IndexOf('/', StringComparison.Ordinal) is var slash and > 0 ? image[..slash] : "";

    private static string PathOf(string image) => image[(image.IndexOf('/', StringComparison.Ordinal) + 1)..];
}

/// <param name="Pushes">Tagged manifest pushes in the envelope (other events are ignored).</param>
/// <param name="Requested">Repositories whose early refresh is now pending.</param>
/// <param name="AlreadyPending">Repositories that already had one pending (debounced).</param>
/// <param name="Repositories">The repositories using a pushed image.</param>
internal sealed record RegistryEventSummary(int Pushes, int Requested, int AlreadyPending, IReadOnlyList<string> Repositories);

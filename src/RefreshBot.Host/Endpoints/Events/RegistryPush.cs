using System.Text.Json;

namespace RefreshBot.Host.Endpoints.Events;

/// <summary>
/// A tagged manifest push from a CNCF distribution notification envelope
/// (<c>application/vnd.docker.distribution.events.v1+json</c>: <c>{"events":[{action, target:{mediaType, repository, tag},
/// request:{host}}]}</c>). Blob pushes, pulls, deletes and pushes by digest only are not pushes of a tag.
/// </summary>
/// <param name="Host">The registry host the pusher talked to (<c>request.host</c>), possibly empty.</param>
/// <param name="Repository">The repository path inside the registry, e.g. <c>team/base</c>.</param>
/// <param name="Tag">The tag pushed.</param>
internal sealed record RegistryPush(string Host, string Repository, string Tag)
{
    private static readonly HashSet<string> ManifestMediaTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "application/vnd.oci.image.index.v1+json",
        "application/vnd.oci.image.manifest.v1+json",
        "application/vnd.docker.distribution.manifest.list.v2+json",
        "application/vnd.docker.distribution.manifest.v2+json",
        "application/vnd.docker.distribution.manifest.v1+json",
        "application/vnd.docker.distribution.manifest.v1+prettyjws",
    };

    /// <summary>The tagged manifest pushes of an envelope; null with a problem when it is not an envelope.</summary>
    public static IReadOnlyList<RegistryPush>? Read(JsonDocument envelope, out int events, out string? problem)
    {
        events = 0;
        if (envelope.RootElement.ValueKind != JsonValueKind.Object
            || !envelope.RootElement.TryGetProperty("events", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            problem = "expected a notification envelope {\"events\": [...]}";
            return null;
        }

        problem = null;
        var pushes = new List<RegistryPush>();
        foreach (var item in list.EnumerateArray())
        {
            events++;
            if (item.Text("action") != "push"
                || item.Text("target", "tag") is not { Length: > 0 } tag
                || item.Text("target", "repository") is not { Length: > 0 } repository
                || item.Text("target", "mediaType") is not { } mediaType || !ManifestMediaTypes.Contains(mediaType))
            {
                continue;
            }

            pushes.Add(new RegistryPush(item.Text("request", "host") ?? "", repository, tag));
        }

        return pushes;
    }
}

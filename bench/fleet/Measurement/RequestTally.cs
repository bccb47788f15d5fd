using RefreshBot.FleetBench.Images;
using RefreshBot.Testing.Proxy;

namespace RefreshBot.FleetBench.Measurement;

/// <summary>Manifest requests attributed to one <c>repository:tag</c> (by tag, or by a digest it had).</summary>
public sealed record ImageTagRequests(string ImageTag, string Change, int TagHeads, int DigestHeads, int Gets)
{
    public int Total => TagHeads + DigestHeads + Gets;
}

/// <summary>What the counting proxy saw during one check, by kind and per <c>repository:tag</c>.</summary>
public sealed record RequestTally(
    int Token,
    int HeadManifest,
    int GetManifest,
    int GetBlob,
    int Other,
    int Total,
    int TagHeads,
    int DigestHeads,
    int ImageTagsLookedUp,
    int MaxTagHeadsPerImageTag,
    int Unattributed,
    IReadOnlyList<ImageTagRequests> PerImageTag)
{
    public static RequestTally From(IReadOnlyList<ProxiedRequest> requests, ImageCatalog catalog)
    {
        var byDigest = new Dictionary<string, FleetTag>(StringComparer.Ordinal);
        foreach (var tag in catalog.Tags)
        {
            foreach (var content in new[] { tag.Pinned, tag.Current })
            {
                byDigest.TryAdd(content.Digest.ToString(), tag);
                foreach (var child in content.Index?.Children ?? [])
                {
                    byDigest.TryAdd(child.Digest.ToString(), tag);
                }
            }
        }

        var byTag = catalog.Tags.ToDictionary(t => t.Name, t => new int[3], StringComparer.Ordinal);
        var tagHeads = 0;
        var digestHeads = 0;
        var unattributed = 0;
        foreach (var request in requests.Where(r => r.Kind is RequestKind.HeadManifest or RequestKind.GetManifest))
        {
            var path = request.PathAndQuery.Split('?')[0];
            var marker = path.LastIndexOf("/manifests/", StringComparison.Ordinal);
            var repository = path[4..marker];
            var reference = path[(marker + "/manifests/".Length)..];
            var isDigest = reference.Contains(':', StringComparison.Ordinal);
            if (request.Kind == RequestKind.HeadManifest)
            {
                (isDigest ? ref digestHeads : ref tagHeads)++;
            }

            var owner = isDigest
                ? byDigest.GetValueOrDefault(reference)?.Name
                : repository + ":" + reference;
            if (owner is null || !byTag.TryGetValue(owner, out var counts))
            {
                unattributed++;
                continue;
            }

            counts[request.Kind == RequestKind.GetManifest ? 2 : isDigest ? 1 : 0]++;
        }

        var perTag = catalog.Tags
            .Select(t => new ImageTagRequests(t.Name, t.Change.ToString(), byTag[t.Name][0], byTag[t.Name][1], byTag[t.Name][2]))
            .Where(t => t.Total > 0)
            .ToList();
        return new RequestTally(
            requests.Count(r => r.Kind == RequestKind.Token),
            requests.Count(r => r.Kind == RequestKind.HeadManifest),
            requests.Count(r => r.Kind == RequestKind.GetManifest),
            requests.Count(r => r.Kind == RequestKind.GetBlob),
            requests.Count(r => r.Kind == RequestKind.Other),
            requests.Count,
            tagHeads,
            digestHeads,
            perTag.Count(t => t.TagHeads > 0),
            perTag.Count == 0 ? 0 : perTag.Max(t => t.TagHeads),
            unattributed,
            perTag);
    }
}

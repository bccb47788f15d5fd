using RefreshBot.Domain.References;
using RefreshBot.Testing.Registry;

namespace RefreshBot.Integration.Tests.Cluster;

/// <summary>
/// The base images of a test fleet on one real registry: <c>fleet/base-0</c> … each tag <c>:1</c> pushed twice, so
/// every Dockerfile pinning the first digest has a moved base. Shared by every <see cref="Fleet"/> built over it, so
/// two fleets (one run with crashes, one crash-free) see the same digests.
/// </summary>
public sealed class FleetImages
{
    private FleetImages(ProxiedRegistry registry, IReadOnlyList<(Digest Old, Digest Current)> digests)
    {
        Registry = registry;
        Digests = digests;
    }

    public ProxiedRegistry Registry { get; }

    /// <summary>Per image index: the digest Dockerfiles pin, and the one the tag points at now.</summary>
    public IReadOnlyList<(Digest Old, Digest Current)> Digests { get; }

    public int Count => Digests.Count;

    public static async Task<FleetImages> PushAsync(ProxiedRegistry registry, int count = 3)
    {
        var digests = new List<(Digest, Digest)>();
        for (var i = 0; i < count; i++)
        {
            var old = (await registry.Pusher.PushImageAsync(Name(i), "1")).Digest;
            var current = (await registry.Pusher.PushImageAsync(Name(i), "1")).Digest;
            digests.Add((old, current));
        }

        return new FleetImages(registry, digests);
    }

    /// <summary>The reference of image <paramref name="index"/> pinned to <paramref name="digest"/>.</summary>
    public string Pinned(int index, Digest digest) => $"{Registry.Host}/{Name(index)}:1@{digest}";

    private static string Name(int index) => $"fleet/base-{index}";
}

using System.Collections.Concurrent;

namespace RefreshBot.Adapters.Docker;

/// <summary>
/// Images the builder made but could not remove because the daemon did not answer (stopped or restarting), per daemon
/// address; retried before the next build or removal against that daemon. Process-wide, so a later cycle's builder
/// (a new composition in <c>run --once</c>) still removes them.
/// </summary>
internal static class PendingRemovals
{
    private static readonly ConcurrentDictionary<string, ConcurrentDictionary<string, byte>> ByDaemon = new(StringComparer.Ordinal);

    public static void Add(string? daemon, IEnumerable<string> imageIds)
    {
        var set = ByDaemon.GetOrAdd(daemon ?? "", _ => new ConcurrentDictionary<string, byte>(StringComparer.Ordinal));
        foreach (var id in imageIds)
        {
            set.TryAdd(id, 0);
        }
    }

    public static List<string> Take(string? daemon)
    {
        if (!ByDaemon.TryGetValue(daemon ?? "", out var set))
        {
            return [];
        }

        var taken = new List<string>();
        foreach (var id in set.Keys)
        {
            if (set.TryRemove(id, out _))
            {
                taken.Add(id);
            }
        }

        return taken;
    }
}

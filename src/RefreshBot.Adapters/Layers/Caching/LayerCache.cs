using RefreshBot.Adapters.Layers.Reading;
using RefreshBot.Domain.References;

namespace RefreshBot.Adapters.Layers.Caching;

/// <summary>
/// What each layer contributes, by layer digest (content-addressed, so never stale), kept in memory for the
/// life of the process and bounded by the bytes the deltas hold: least recently used layers go first.
/// A base layer shared by many images is read once while it stays in the cache. Thread-safe.
/// </summary>
internal sealed class LayerCache(long capacityBytes)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<Digest, LinkedListNode<(Digest Digest, LayerDelta Delta)>> _entries = [];
    private readonly LinkedList<(Digest Digest, LayerDelta Delta)> _recency = new();
    private long _bytes;

    public long Bytes
    {
        get
        {
            lock (_lock)
            {
                return _bytes;
            }
        }
    }

    public bool TryGet(Digest digest, out LayerDelta delta)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(digest, out var node))
            {
                _recency.Remove(node);
                _recency.AddFirst(node);
                delta = node.Value.Delta;
                return true;
            }
        }

        delta = null!;
        return false;
    }

    public void Put(Digest digest, LayerDelta delta)
    {
        var cost = Cost(delta);
        if (cost > capacityBytes)
        {
            return;
        }

        lock (_lock)
        {
            if (_entries.ContainsKey(digest))
            {
                return;
            }

            while (_bytes + cost > capacityBytes && _recency.Last is { } oldest)
            {
                _recency.RemoveLast();
                _entries.Remove(oldest.Value.Digest);
                _bytes -= Cost(oldest.Value.Delta);
            }

            _entries[digest] = _recency.AddFirst((digest, delta));
            _bytes += cost;
        }
    }

    /// <summary>Bytes held plus a small per-entry overhead, so that many empty layers are bounded too.</summary>
    private static long Cost(LayerDelta delta) => delta.Size + 256;
}

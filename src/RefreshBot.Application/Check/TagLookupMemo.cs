using System.Collections.Concurrent;
using RefreshBot.Domain.Manifests;

namespace RefreshBot.Application.Check;

/// <summary>
/// Tag answers (image:tag → descriptor) shared by separate checks for a short while: in the service each repository's
/// job is its own cycle, so without it a fleet of 50 repositories on one image:tag costs 50 HEADs per schedule tick.
/// <list type="bullet">
/// <item>One lookup in flight per image:tag: concurrent callers await the same one.</item>
/// <item>An answer is reused for <see cref="Ttl"/> after it arrived, then asked again.</item>
/// <item>Failures are never kept; a caller whose shared lookup was cancelled by another caller's token asks again.</item>
/// <item><see cref="Invalidate"/> (a registry push of that repository and tag) drops the answer at once.</item>
/// </list>
/// </summary>
public sealed class TagLookupMemo(TimeProvider time, TimeSpan ttl)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>How long an answer is reused.</summary>
    public TimeSpan Ttl { get; } = ttl;

    /// <summary>
    /// The answer for <paramref name="key"/> (<c>name:tag</c>): a fresh kept one, the one in flight, or a new one
    /// from <paramref name="lookUp"/> (which runs with the caller's token and is shared with concurrent callers).
    /// </summary>
    public async Task<ManifestDescriptor> GetAsync(string key, Func<Task<ManifestDescriptor>> lookUp, CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_entries.TryGetValue(key, out var entry))
            {
                if (!entry.Answer.Task.IsCompleted)
                {
                    try
                    {
                        return await entry.Answer.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                    {
                        continue;   // the caller that started it was cancelled, not this one: ask again
                    }
                }

                if (entry.Answer.Task.IsCompletedSuccessfully && time.GetUtcNow() < entry.Expires)
                {
                    return entry.Answer.Task.Result;
                }

                _entries.TryRemove(new KeyValuePair<string, Entry>(key, entry));
                continue;
            }

            var mine = new Entry();
            if (!_entries.TryAdd(key, mine))
            {
                continue;
            }

            try
            {
                var answer = await lookUp().ConfigureAwait(false);
                mine.Expires = time.GetUtcNow() + Ttl;
                mine.Answer.SetResult(answer);
                return answer;
            }
            catch (Exception e)
            {
                _entries.TryRemove(new KeyValuePair<string, Entry>(key, mine));
                if (e is OperationCanceledException)
                {
                    mine.Answer.SetCanceled(CancellationToken.None);
                }
                else
                {
                    mine.Answer.SetException(e);
                }

                throw;
            }
        }
    }

    /// <summary>
    /// Drops the answers for <paramref name="tag"/> of repository <paramref name="path"/> on any registry host (a push
    /// notification names the host its sender used, which may be an alias of the one the fleet's references name).
    /// Returns how many were dropped. A lookup already in flight still answers its callers; later callers ask again.
    /// </summary>
    public int Invalidate(string path, string tag)
    {
        var pushed = path + ":" + tag;
        var dropped = 0;
        foreach (var key in _entries.Keys)
        {
            // keys are <domain>/<path>:<tag>: everything after the domain must be the pushed path and tag
            if (key.IndexOf('/', StringComparison.Ordinal) is var slash and > 0
                && key.AsSpan(slash + 1).SequenceEqual(pushed) && _entries.TryRemove(key, out _))
            {
                dropped++;
            }
        }

        return dropped;
    }

    /// <summary>The reuse window for a service whose scheduled runs spread over <paramref name="jitter"/>: the jitter, at least 60 s, at most 15 min.</summary>
    public static TimeSpan TtlFor(TimeSpan jitter) =>
        jitter < TimeSpan.FromSeconds(60) ? TimeSpan.FromSeconds(60) : jitter > TimeSpan.FromMinutes(15) ? TimeSpan.FromMinutes(15) : jitter;

    private sealed class Entry
    {
        public TaskCompletionSource<ManifestDescriptor> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public DateTimeOffset Expires { get; set; }
    }
}

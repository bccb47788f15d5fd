using System.Collections.Concurrent;

namespace RefreshBot.Testing.Time;

/// <summary>
/// A <see cref="TimeProvider"/> for tests of waiting code: records every delay asked for through
/// <c>Task.Delay(TimeSpan, TimeProvider)</c> (timers) and fires it after a fraction of that time,
/// so tests can assert "the client waited Retry-After" without sleeping for it.
/// </summary>
public sealed class FastForwardTimeProvider(double scale = 0.0) : TimeProvider
{
    private readonly ConcurrentQueue<TimeSpan> _delays = new();

    /// <summary>Every finite timer due time requested so far, in order.</summary>
    public IReadOnlyList<TimeSpan> Delays => _delays.ToArray();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            _delays.Enqueue(dueTime);
            dueTime = TimeSpan.FromTicks((long)(dueTime.Ticks * scale));
        }

        return System.CreateTimer(callback, state, dueTime, period);
    }
}

namespace RefreshBot.Host.Service.Jobs;

/// <summary>The jobs running in this process, so a graceful shutdown can wait for them (up to its timeout).</summary>
public sealed class RunningJobs
{
    private readonly Lock _gate = new();
    private int _count;
    private TaskCompletionSource _idle = Idle();

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _count;
            }
        }
    }

    /// <summary>Marks one job running until the result is disposed.</summary>
    public IDisposable Enter()
    {
        lock (_gate)
        {
            if (_count++ == 0)
            {
                _idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        return new Exit(this);
    }

    /// <summary>Completes when no job runs (at once when none does).</summary>
    public Task WhenIdleAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return _idle.Task.WaitAsync(cancellationToken);
        }
    }

    private void Leave()
    {
        lock (_gate)
        {
            if (--_count == 0)
            {
                _idle.TrySetResult();
            }
        }
    }

    private static TaskCompletionSource Idle()
    {
        var idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        idle.SetResult();
        return idle;
    }

    private sealed class Exit(RunningJobs jobs) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                jobs.Leave();
            }
        }
    }
}

namespace RefreshBot.Testing.Holds;

/// <summary>Where a held request waits: before the server acts on it, or after it acted but before it answers.</summary>
public enum HoldPoint
{
    /// <summary>Nothing happened yet: the request is kept waiting before the server handles it.</summary>
    BeforeHandling,

    /// <summary>The server handled it (state changed) but keeps the answer back: "the response was lost".</summary>
    AfterHandling,
}

/// <summary>
/// One armed hold: the first request matching method, path and caller waits at <see cref="Point"/> until the test
/// calls <see cref="Release"/>, so a test can kill the client at a precise moment. When the client goes away while
/// held (killed), a request held <see cref="HoldPoint.BeforeHandling"/> is never handled.
/// </summary>
public sealed class RequestHold
{
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal RequestHold(string method, string pathContains, HoldPoint point, string? caller)
    {
        Method = method;
        PathContains = pathContains;
        Point = point;
        Caller = caller;
    }

    public string Method { get; }

    public string PathContains { get; }

    public HoldPoint Point { get; }

    /// <summary>The caller it waits for (null: anyone); once reached, who it caught.</summary>
    public string? Caller { get; private set; }

    /// <summary>The path of the request it caught.</summary>
    public string? Path { get; private set; }

    /// <summary>Completes when a matching request is being held.</summary>
    public Task Reached => _reached.Task;

    /// <summary>Lets the held request go on.</summary>
    public void Release() => _released.TrySetResult();

    /// <summary>Waits for a matching request, failing with a clear message after <paramref name="timeout"/>.</summary>
    public async Task WaitReachedAsync(TimeSpan timeout)
    {
        try
        {
            await Reached.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"no {Method} …{PathContains} ({Point}{(Caller is null ? "" : ", by " + Caller)}) arrived within {timeout}");
        }
    }

    internal bool Matches(string method, string path, string? caller, HoldPoint point) =>
        point == Point
        && string.Equals(method, Method, StringComparison.OrdinalIgnoreCase)
        && path.Contains(PathContains, StringComparison.Ordinal)
        && (Caller is null || string.Equals(Caller, caller, StringComparison.OrdinalIgnoreCase));

    /// <summary>Holds the request; true when released, false when the client went away first.</summary>
    internal async Task<bool> HoldAsync(string path, string? caller, CancellationToken requestAborted)
    {
        Path = path;
        Caller = caller;
        _reached.TrySetResult();
        try
        {
            await _released.Task.WaitAsync(requestAborted);
            return !requestAborted.IsCancellationRequested;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}

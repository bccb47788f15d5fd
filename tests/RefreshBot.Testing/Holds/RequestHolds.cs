namespace RefreshBot.Testing.Holds;

/// <summary>The armed holds of one server; each catches one request (the first that matches) and is then spent.</summary>
public sealed class RequestHolds
{
    private readonly List<RequestHold> _armed = [];
    private readonly List<RequestHold> _spent = [];
    private readonly Lock _gate = new();

    /// <summary>Holds the next <paramref name="method"/> request whose path contains <paramref name="pathContains"/> (of <paramref name="caller"/>, when given).</summary>
    public RequestHold Add(string method, string pathContains, HoldPoint point = HoldPoint.BeforeHandling, string? caller = null)
    {
        var hold = new RequestHold(method, pathContains, point, caller);
        lock (_gate)
        {
            _armed.Add(hold);
        }

        return hold;
    }

    /// <summary>Disarms every hold and releases the requests being held.</summary>
    public void ReleaseAll()
    {
        lock (_gate)
        {
            foreach (var hold in _armed.Concat(_spent))
            {
                hold.Release();
            }

            _armed.Clear();
        }
    }

    /// <summary>Holds the request when an armed hold matches it; true when it may go on, false when its client went away.</summary>
    internal async Task<bool> PassAsync(string method, string path, string? caller, HoldPoint point, CancellationToken requestAborted)
    {
        RequestHold? hold;
        lock (_gate)
        {
            hold = _armed.FirstOrDefault(h => h.Matches(method, path, caller, point));
            if (hold is not null)
            {
                _armed.Remove(hold);
                _spent.Add(hold);
            }
        }

        return hold is null || await hold.HoldAsync(path, caller, requestAborted);
    }
}

namespace RefreshBot.Testing.Git;

/// <summary>What goes wrong with a request.</summary>
public enum GitFaultKind
{
    /// <summary>Answer an HTTP status (500 by default) instead of running git.</summary>
    Status,

    /// <summary>Start answering, then abort the connection mid-body.</summary>
    DropConnection,

    /// <summary>Send the headers and half the body, then wait (the client sees a fetch in progress) until it goes away.</summary>
    Stall,
}

/// <summary>
/// One armed fault: applies to the next request of a service (fetch or push), of one repository when
/// <paramref name="Repository"/> (<c>owner/name</c>) is given.
/// </summary>
public sealed record GitFault(string Service, GitFaultKind Kind, int StatusCode = 500, string? Repository = null)
{
    internal bool Matches(string service, string path) =>
        Service == service && (Repository is null || path.StartsWith("/" + Repository + ".git/", StringComparison.Ordinal));
}

/// <summary>
/// Faults the <see cref="GitHttpServer"/> injects: "500 on the next N fetches", "drop the connection on the next fetch",
/// "401 for every request to team/app" — each optionally for one repository only.
/// A fetch is any upload-pack request (ref discovery or pack); a push any receive-pack request.
/// </summary>
public sealed class GitFaults
{
    private readonly List<GitFault> _queue = [];
    private readonly Dictionary<string, int> _denied = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private TaskCompletionSource _stalled = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The next <paramref name="count"/> fetch requests (of <paramref name="repository"/>) answer <paramref name="statusCode"/>.</summary>
    public void FailNextFetches(int count, int statusCode = 500, string? repository = null) =>
        Enqueue(GitService.UploadPack, GitFaultKind.Status, count, statusCode, repository);

    /// <summary>The next <paramref name="count"/> push requests (of <paramref name="repository"/>) answer <paramref name="statusCode"/>.</summary>
    public void FailNextPushes(int count, int statusCode = 500, string? repository = null) =>
        Enqueue(GitService.ReceivePack, GitFaultKind.Status, count, statusCode, repository);

    /// <summary>The next <paramref name="count"/> pack downloads (POST git-upload-pack, of <paramref name="repository"/>) are cut off mid-body.</summary>
    public void DropNextFetches(int count = 1, string? repository = null) =>
        Enqueue(GitService.UploadPack, GitFaultKind.DropConnection, count, 0, repository);

    /// <summary>
    /// The next <paramref name="count"/> pack downloads (of <paramref name="repository"/>) send half their body and then
    /// stall until the client goes away; <see cref="Stalled"/> completes once the half body is out.
    /// </summary>
    public void StallNextFetches(int count = 1, string? repository = null)
    {
        _stalled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Enqueue(GitService.UploadPack, GitFaultKind.Stall, count, 0, repository);
    }

    /// <summary>Completes when a stalled pack download has sent its half body.</summary>
    public Task Stalled => _stalled.Task;

    internal void MarkStalled() => _stalled.TrySetResult();

    /// <summary>
    /// Every request to <paramref name="repository"/> (<c>owner/name</c>) answers <paramref name="statusCode"/> (401 with a
    /// Basic challenge, as for credentials the server refuses; 403 as for a token without access) until <see cref="Clear"/>.
    /// </summary>
    public void Deny(string repository, int statusCode = 401)
    {
        lock (_gate)
        {
            _denied[repository] = statusCode;
        }
    }

    public int Pending
    {
        get
        {
            lock (_gate)
            {
                return _queue.Count;
            }
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _queue.Clear();
            _denied.Clear();
        }
    }

    /// <summary>The status every request to <paramref name="path"/> answers because its repository is denied, or null.</summary>
    internal int? DeniedStatus(string path)
    {
        lock (_gate)
        {
            foreach (var (repository, status) in _denied)
            {
                if (path.StartsWith("/" + repository + ".git/", StringComparison.Ordinal))
                {
                    return status;
                }
            }

            return null;
        }
    }

    internal GitFault? TakeFor(string? service, string method, string path)
    {
        if (service is null)
        {
            return null;
        }

        lock (_gate)
        {
            // A dropped or stalled connection only makes sense on a pack body, which comes from a POST.
            var index = _queue.FindIndex(f => f.Matches(service, path) && (f.Kind == GitFaultKind.Status || method == "POST"));
            if (index < 0)
            {
                return null;
            }

            var taken = _queue[index];
            _queue.RemoveAt(index);
            return taken;
        }
    }

    private void Enqueue(string service, GitFaultKind kind, int count, int statusCode, string? repository)
    {
        lock (_gate)
        {
            for (var i = 0; i < count; i++)
            {
                _queue.Add(new GitFault(service, kind, statusCode, repository));
            }
        }
    }
}

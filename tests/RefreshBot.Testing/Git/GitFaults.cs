using System.Collections.Concurrent;

namespace RefreshBot.Testing.Git;

/// <summary>What goes wrong with a request.</summary>
public enum GitFaultKind
{
    /// <summary>Answer an HTTP status (500 by default) instead of running git.</summary>
    Status,

    /// <summary>Start answering, then abort the connection mid-body.</summary>
    DropConnection,
}

/// <summary>One armed fault: applies to the next requests of a service (fetch or push).</summary>
public sealed record GitFault(string Service, GitFaultKind Kind, int StatusCode = 500);

/// <summary>
/// Faults the <see cref="GitHttpServer"/> injects: "500 on the next N fetches", "drop the connection on the next fetch".
/// A fetch is any upload-pack request (ref discovery or pack); a push any receive-pack request.
/// </summary>
public sealed class GitFaults
{
    private readonly ConcurrentQueue<GitFault> _queue = new();

    /// <summary>The next <paramref name="count"/> fetch requests answer <paramref name="statusCode"/>.</summary>
    public void FailNextFetches(int count, int statusCode = 500) => Enqueue(GitService.UploadPack, GitFaultKind.Status, count, statusCode);

    /// <summary>The next <paramref name="count"/> push requests answer <paramref name="statusCode"/>.</summary>
    public void FailNextPushes(int count, int statusCode = 500) => Enqueue(GitService.ReceivePack, GitFaultKind.Status, count, statusCode);

    /// <summary>The next <paramref name="count"/> pack downloads (POST git-upload-pack) are cut off mid-body.</summary>
    public void DropNextFetches(int count = 1) => Enqueue(GitService.UploadPack, GitFaultKind.DropConnection, count, 0);

    public int Pending => _queue.Count;

    public void Clear() => _queue.Clear();

    internal GitFault? TakeFor(string? service, string method)
    {
        if (service is null || !_queue.TryPeek(out var next) || next.Service != service)
        {
            return null;
        }

        // A dropped connection only makes sense on a pack body, which comes from a POST.
        if (next.Kind == GitFaultKind.DropConnection && method != "POST")
        {
            return null;
        }

        return _queue.TryDequeue(out var taken) ? taken : null;
    }

    private void Enqueue(string service, GitFaultKind kind, int count, int statusCode)
    {
        for (var i = 0; i < count; i++)
        {
            _queue.Enqueue(new GitFault(service, kind, statusCode));
        }
    }
}

using LibGit2Sharp;

namespace RefreshBot.Adapters.Git;

/// <summary>
/// The bare repository at <c>&lt;cache&gt;/git</c> that mirrors one remote: remote <c>origin</c> (URL without
/// credentials), every remote branch fetched to <c>refs/remotes/origin/*</c> with pruning, and
/// <c>refs/remotes/origin/HEAD</c> pointing at the remote's default branch. The bot's commits are built here,
/// in the object database; nothing in it is ever checked out.
/// </summary>
internal static class CachedClone
{
    public const string RemoteName = "origin";
    public const string TrackingPrefix = "refs/remotes/origin/";
    public const string RemoteHead = "refs/remotes/origin/HEAD";
    private const string Heads = "refs/heads/";
    private const string FetchRefSpec = "+refs/heads/*:refs/remotes/origin/*";

    public static string GitFolder(string cacheFolder) => Path.Combine(cacheFolder, "git");

    /// <summary>Opens the cached clone, creating it (empty, bare) when missing; the origin URL is set to <paramref name="url"/>.</summary>
    public static Repository Open(string cacheFolder, string url, out bool created)
    {
        var folder = GitFolder(cacheFolder);
        created = !Repository.IsValid(folder);
        if (created)
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }

            Repository.Init(folder, isBare: true);
        }

        var repository = new Repository(folder);
        var origin = repository.Network.Remotes[RemoteName];
        if (origin is null)
        {
            repository.Network.Remotes.Add(RemoteName, url, FetchRefSpec);
        }
        else if (origin.Url != url)
        {
            repository.Network.Remotes.Update(RemoteName, r => r.Url = url);
        }

        return repository;
    }

    /// <summary>
    /// Brings the clone up to date: every branch fetched (deleted ones pruned) and the remote's default branch recorded
    /// as origin/HEAD. The remote's references are listed first (one request, like <c>git ls-remote</c>); when every
    /// branch already points where the clone's tracking refs do — a repository nobody pushed to since the last cycle —
    /// the fetch is skipped. Returns whether it fetched.
    /// </summary>
    public static bool Fetch(Repository repository, GitCredentials credentials, CancellationToken cancellationToken)
    {
        var advertised = repository.Network.ListReferences(repository.Network.Remotes[RemoteName], credentials.Handler).ToList();
        cancellationToken.ThrowIfCancellationRequested();
        var fetched = !IsUpToDate(repository, advertised);
        if (fetched)
        {
            var options = new FetchOptions
            {
                Prune = true,
                TagFetchMode = TagFetchMode.None,
                CredentialsProvider = credentials.Handler,
                OnTransferProgress = _ => !cancellationToken.IsCancellationRequested,
                OnProgress = _ => !cancellationToken.IsCancellationRequested,
            };
            repository.Network.Fetch(RemoteName, [FetchRefSpec], options, logMessage: "refreshbot fetch");
            cancellationToken.ThrowIfCancellationRequested();
        }

        var head = advertised.OfType<SymbolicReference>().FirstOrDefault(r => r.CanonicalName == "HEAD");
        var target = head?.TargetIdentifier is { } name && name.StartsWith(Heads, StringComparison.Ordinal)
            ? repository.Refs[TrackingPrefix + name[Heads.Length..]]
            : null;
        target ??= repository.Refs[TrackingPrefix + "main"] ?? repository.Refs[TrackingPrefix + "master"];
        if (target is not null)
        {
            if (repository.Refs[RemoteHead] is not SymbolicReference { TargetIdentifier: var current } || current != target.CanonicalName)
            {
                repository.Refs.Add(RemoteHead, target, allowOverwrite: true);
            }
        }
        else if (repository.Refs[RemoteHead] is not null)
        {
            repository.Refs.Remove(RemoteHead);
        }

        return fetched;
    }

    /// <summary>Whether the tracking refs are exactly the remote's branches at the advertised commits (and those commits are here).</summary>
    private static bool IsUpToDate(Repository repository, IReadOnlyList<Reference> advertised)
    {
        var branches = advertised.OfType<DirectReference>().Where(r => r.CanonicalName.StartsWith(Heads, StringComparison.Ordinal)).ToList();
        var tracking = repository.Refs.FromGlob(TrackingPrefix + "*").Where(r => r.CanonicalName != RemoteHead).ToList();
        if (branches.Count == 0 || branches.Count != tracking.Count)
        {
            return false;
        }

        foreach (var branch in branches)
        {
            var local = repository.Refs[TrackingPrefix + branch.CanonicalName[Heads.Length..]];
            if (local is not DirectReference { TargetIdentifier: var sha } || !string.Equals(sha, branch.TargetIdentifier, StringComparison.OrdinalIgnoreCase)
                || repository.ObjectDatabase.Contains(new ObjectId(sha)) is false)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The configured branch, else the remote's default branch (origin/HEAD), else null.</summary>
    public static string? TargetBranch(Repository repository, string? configured)
    {
        if (configured is not null)
        {
            return configured;
        }

        return repository.Refs[RemoteHead] is SymbolicReference { TargetIdentifier: { } target } && target.StartsWith(TrackingPrefix, StringComparison.Ordinal)
            ? target[TrackingPrefix.Length..]
            : null;
    }

    /// <summary>The fetched head of remote branch <paramref name="branch"/>, or null when the remote has no such branch.</summary>
    public static Commit? RemoteBranchHead(Repository repository, string branch) =>
        repository.Refs[TrackingPrefix + branch]?.ResolveToDirectReference()?.Target as Commit;
}

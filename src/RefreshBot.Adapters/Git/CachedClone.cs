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

    /// <summary>Fetches every branch (pruning deleted ones) and records the remote's default branch as origin/HEAD.</summary>
    public static void Fetch(Repository repository, GitCredentials credentials, CancellationToken cancellationToken)
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

        var head = repository.Network.ListReferences(repository.Network.Remotes[RemoteName], credentials.Handler)
            .OfType<SymbolicReference>()
            .FirstOrDefault(r => r.CanonicalName == "HEAD");
        var target = head?.TargetIdentifier is { } name && name.StartsWith("refs/heads/", StringComparison.Ordinal)
            ? repository.Refs[TrackingPrefix + name["refs/heads/".Length..]]
            : null;
        target ??= repository.Refs[TrackingPrefix + "main"] ?? repository.Refs[TrackingPrefix + "master"];
        if (target is not null)
        {
            repository.Refs.Add(RemoteHead, target, allowOverwrite: true);
        }
        else if (repository.Refs[RemoteHead] is not null)
        {
            repository.Refs.Remove(RemoteHead);
        }
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

using LibGit2Sharp;
using RefreshBot.Application.Refresh.Ports;

namespace RefreshBot.Adapters.Git;

/// <summary>
/// Force-pushes one commit to <c>refs/heads/&lt;branch&gt;</c> on origin. libgit2 has no <c>--force-with-lease</c>:
/// the caller compares the freshly fetched remote head with the expected one just before calling this, which leaves
/// a window of one round trip in which another push can be overwritten (the next cycle's inspection sees the result).
/// The commit is first pointed to by the cache's own <c>refs/heads/&lt;branch&gt;</c> (libgit2 pushes references, not ids).
/// </summary>
internal static class BranchPush
{
    public static void ForcePush(Repository repository, string branch, Commit commit, GitCredentials credentials, CancellationToken cancellationToken)
    {
        var local = "refs/heads/" + branch;
        repository.Refs.Add(local, commit.Id, "refreshbot publish", allowOverwrite: true);
        string? rejected = null;
        var options = new PushOptions
        {
            CredentialsProvider = credentials.Handler,
            OnPushStatusError = error => rejected = error.Message,
            OnPushTransferProgress = (_, _, _) => !cancellationToken.IsCancellationRequested,
            OnPackBuilderProgress = (_, _, _) => !cancellationToken.IsCancellationRequested,
        };
        repository.Network.Push(repository.Network.Remotes[CachedClone.RemoteName], $"+{local}:{local}", options);
        if (rejected is not null)
        {
            throw new NonFastForwardException($"the remote rejected the push of '{branch}': {rejected}");
        }

        repository.Refs.Add(CachedClone.TrackingPrefix + branch, commit.Id, "refreshbot publish", allowOverwrite: true);
    }
}

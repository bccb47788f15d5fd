using LibGit2Sharp;
using RefreshBot.Application.Fleet;
using RefreshBot.Application.Refresh.Ports;

namespace RefreshBot.Adapters.Local;

/// <summary>Branch facts the local code host reads from the repository itself (read-only).</summary>
internal static class LocalRepositoryBranches
{
    /// <summary>The branch HEAD points at in a local repository, or the remote's HEAD branch for a git URL.</summary>
    public static string DefaultBranch(TrackedRepository repository, GitRemote remote)
    {
        var request = "default branch of " + repository.Id;
        try
        {
            if (repository.Location is RepositoryLocation.Local local)
            {
                using var git = new Repository(local.Path);
                return git.Info.IsHeadDetached
                    ? throw new CodeHostException(CodeHostErrorKind.Invalid, request, "HEAD is detached; configure the repository's branch")
                    : git.Head.FriendlyName;
            }

            var head = Repository.ListRemoteReferences(remote.Url, (_, _, _) => remote.Password is null
                    ? new DefaultCredentials()
                    : new UsernamePasswordCredentials { Username = remote.Username ?? "", Password = remote.Password })
                .OfType<SymbolicReference>()
                .FirstOrDefault(r => r.CanonicalName == "HEAD");
            return head?.TargetIdentifier is { } target && target.StartsWith("refs/heads/", StringComparison.Ordinal)
                ? target["refs/heads/".Length..]
                : throw new CodeHostException(CodeHostErrorKind.Invalid, request, "the remote does not name its default branch; configure the repository's branch");
        }
        catch (RepositoryNotFoundException)
        {
            throw new CodeHostException(CodeHostErrorKind.NotFound, request, "no git repository there");
        }
        catch (LibGit2SharpException e)
        {
            var secrets = remote.Password is { } p ? new[] { p, Uri.EscapeDataString(p) } : [];
            throw new CodeHostException(CodeHostErrorKind.Transient, request, Git.GitFailure.Scrub(e.Message, secrets));
        }
    }

    /// <summary>The head of <paramref name="branch"/> in a local repository and whether it was merged into <paramref name="baseBranch"/>; (null, false) otherwise.</summary>
    public static (string? HeadSha, bool Merged) Branch(TrackedRepository repository, string branch, string baseBranch)
    {
        if (repository.Location is not RepositoryLocation.Local local || !Repository.IsValid(local.Path))
        {
            return (null, false);
        }

        using var git = new Repository(local.Path);
        if (git.Branches[branch]?.Tip is not { } head)
        {
            return (null, false);
        }

        var target = git.Branches[baseBranch]?.Tip;
        var merged = target is not null && git.ObjectDatabase.FindMergeBase(head, target)?.Id == head.Id;
        return (head.Sha, merged);
    }
}

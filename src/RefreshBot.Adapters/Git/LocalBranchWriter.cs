using LibGit2Sharp;
using RefreshBot.Application.Refresh.Ports;

namespace RefreshBot.Adapters.Git;

/// <summary>
/// "Pushes" the bot's commit into a repository on this machine. libgit2 cannot push to a non-bare repository, so
/// the same commit (same blobs, tree, signature and time, hence the same id) is written straight into that
/// repository's object database and its <c>refs/heads/&lt;branch&gt;</c> is set — the objects and one ref, exactly what
/// a push would write: HEAD, the index and the working tree are never touched, and no FETCH_HEAD or config is written.
/// Refused (Conflict) when the branch is checked out there or is not at the expected commit.
/// </summary>
internal static class LocalBranchWriter
{
    public static void Write(string repositoryId, string path, BranchUpdate update, DateTimeOffset now, string commitSha, string? expectedSha)
    {
        using var target = new Repository(path);
        var name = "refs/heads/" + update.Branch;
        if (!target.Info.IsBare && target.Head.CanonicalName == name)
        {
            throw new WorkspaceException(WorkspaceErrorKind.Conflict, repositoryId,
                $"branch '{update.Branch}' is checked out in the local repository; switch to another branch to let the bot update it");
        }

        var current = target.Refs[name]?.ResolveToDirectReference()?.TargetIdentifier;
        if (!string.Equals(current, expectedSha, StringComparison.OrdinalIgnoreCase))
        {
            throw new WorkspaceException(WorkspaceErrorKind.Conflict, repositoryId,
                $"branch '{update.Branch}' is at {current ?? "(missing)"} in the local repository, expected {expectedSha ?? "(missing)"}");
        }

        var baseCommit = target.Lookup<Commit>(update.BaseSha)
            ?? throw new WorkspaceException(WorkspaceErrorKind.Conflict, repositoryId, $"base commit {update.BaseSha} is no longer in the local repository");
        var tree = BotCommit.BuildTree(target, baseCommit, update.Files);
        var commit = BotCommit.Create(target, baseCommit, tree, update, now);
        if (commit.Sha != commitSha)
        {
            throw new WorkspaceException(WorkspaceErrorKind.Invalid, repositoryId, $"the local commit {commit.Sha} differs from the cached one {commitSha}");
        }

        target.Refs.Add(name, commit.Id, "refreshbot publish", allowOverwrite: true);
    }
}

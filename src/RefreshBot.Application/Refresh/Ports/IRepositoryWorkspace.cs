using RefreshBot.Application.Fleet;

namespace RefreshBot.Application.Refresh.Ports;

/// <summary>
/// Git work for one repository (implemented with LibGit2Sharp in Adapters/Git).
/// CONTRACT (issue 3). Credentials are passed in memory and never written to <c>.git/config</c>,
/// logs or exception messages.
/// </summary>
public interface IRepositoryWorkspace
{
    /// <summary>
    /// Clones (first time) or fetches the cached clone under the data folder and returns a read-only view of the
    /// target branch's current head: a folder whose files are that commit's tree.
    /// </summary>
    Task<WorkspaceCheckout> SyncAsync(TrackedRepository repository, GitRemote remote, CancellationToken cancellationToken);

    /// <summary>The state of the bot's branch on the remote (as fetched by the last <see cref="SyncAsync"/>).</summary>
    Task<BotBranchState> InspectBranchAsync(TrackedRepository repository, string branch, GitAuthor bot, CancellationToken cancellationToken);

    /// <summary>
    /// Makes the bot's branch hold exactly one commit by <see cref="BranchUpdate.Author"/> on top of
    /// <see cref="BranchUpdate.BaseSha"/> with the given file contents, and pushes it (forced, but only over the
    /// remote head the caller expects). Returns <see cref="PublishOutcome.Unchanged"/> without committing or pushing
    /// when the branch already is exactly that (same parent, same tree).
    /// </summary>
    Task<PublishResult> PublishAsync(TrackedRepository repository, GitRemote remote, BranchUpdate update, CancellationToken cancellationToken);
}

/// <summary>Where to fetch from and push to, with the credential to use (in memory only).</summary>
/// <param name="Url">https URL, ssh URL, file URL or local path.</param>
/// <param name="Username">Basic-auth user (e.g. <c>x-access-token</c> for GitHub), or null.</param>
/// <param name="Password">Token or password, or null. Never logged.</param>
public sealed record GitRemote(string Url, string? Username, string? Password)
{
    /// <summary>Never prints the password.</summary>
    public override string ToString() => Url + (Password is null ? "" : " (with credentials)");
}

/// <param name="Directory">Folder holding the target head's files (do not modify).</param>
/// <param name="Branch">The target branch name actually used (the default branch when none was configured).</param>
/// <param name="HeadSha">Commit id of the target branch head.</param>
public sealed record WorkspaceCheckout(string Directory, string Branch, string HeadSha);

/// <param name="Exists">The branch exists on the remote.</param>
/// <param name="HeadSha">Its head commit, when it exists.</param>
/// <param name="BaseSha">Parent of the bot's commit (where the branch starts from the target branch), when it exists.</param>
/// <param name="ForeignCommits">Commits on the branch (after the target branch) not authored by the bot: a person pushed; never rewrite.</param>
public sealed record BotBranchState(bool Exists, string? HeadSha, string? BaseSha, IReadOnlyList<string> ForeignCommits)
{
    public static readonly BotBranchState Missing = new(false, null, null, []);
}

/// <param name="Branch">e.g. <c>refreshbot/repository</c>.</param>
/// <param name="BaseSha">Target head to build on.</param>
/// <param name="Files">Repository-relative path (forward slashes) → full new content; files not listed are as in <see cref="BaseSha"/>.</param>
/// <param name="Message">Commit message.</param>
/// <param name="Author">Author and committer.</param>
/// <param name="ExpectedRemoteSha">The remote branch head the caller saw (null: the branch must not exist); the push is refused otherwise.</param>
/// <param name="DryRun">Compute the outcome but commit and push nothing.</param>
public sealed record BranchUpdate(
    string Branch,
    string BaseSha,
    IReadOnlyDictionary<string, string> Files,
    string Message,
    GitAuthor Author,
    string? ExpectedRemoteSha,
    bool DryRun = false);

public enum PublishOutcome
{
    /// <summary>The branch already held exactly this commit content: nothing committed or pushed.</summary>
    Unchanged,
    /// <summary>A new commit was pushed (or would have been, in a dry run).</summary>
    Pushed,
}

public sealed record PublishResult(PublishOutcome Outcome, string CommitSha);

/// <summary>Classified git failure (never carries credentials).</summary>
public sealed class WorkspaceException(WorkspaceErrorKind kind, string repository, string message, Exception? inner = null)
    : Exception($"{repository}: {message}", inner)
{
    public WorkspaceErrorKind Kind { get; } = kind;

    public string Repository { get; } = repository;
}

public enum WorkspaceErrorKind
{
    Transient,
    Auth,
    NotFound,
    /// <summary>The remote branch is not what the caller expected (someone pushed meanwhile): try again next cycle.</summary>
    Conflict,
    Invalid,
}

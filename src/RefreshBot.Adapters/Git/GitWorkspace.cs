using LibGit2Sharp;
using Microsoft.Extensions.Logging;
using RefreshBot.Application.Fleet;
using RefreshBot.Application.Refresh.Ports;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace RefreshBot.Adapters.Git;

/// <summary>
/// <see cref="IRepositoryWorkspace"/> with LibGit2Sharp. Per repository, under
/// <c>&lt;dataDirectory&gt;/repos/&lt;<see cref="RepositoryFolderName"/>&gt;/</c>:
/// <list type="bullet">
/// <item><c>git/</c> — a bare clone (see <see cref="CachedClone"/>): created by the first sync, fetched (never re-cloned)
///   by later ones; the bot's commits are built in its object database, so no working tree or index is ever touched.</item>
/// <item><c>worktree/</c> and <c>worktree.head</c> — the target head's files, for reading (<see cref="CheckoutFolder"/>).</item>
/// <item><c>.lock</c> — one worker at a time per repository (<see cref="CacheLock"/>).</item>
/// </list>
/// Credentials live only in the libgit2 credentials callback for the duration of a call: never in the origin URL,
/// the config, a log or an exception message (libgit2 messages are scrubbed by <see cref="GitFailure"/>).
/// A local repository (<see cref="RepositoryLocation.Local"/>) is cloned and fetched like any remote (its path is the
/// URL); the bot's commit is written into it by <see cref="LocalBranchWriter"/> (objects + one branch ref; HEAD, index
/// and working tree untouched; a checked-out bot branch is refused as Conflict).
/// </summary>
public sealed partial class GitWorkspace(string dataDirectory, TimeProvider time, ILogger<GitWorkspace> logger) : IRepositoryWorkspace
{
    private static readonly TimeSpan LockTimeout = TimeSpan.FromMinutes(2);

    /// <summary>The cache folder of <paramref name="repository"/>.</summary>
    public string CacheFolder(TrackedRepository repository) =>
        Path.Combine(Path.GetFullPath(dataDirectory), "repos", RepositoryFolderName.For(repository.Id));

    public Task<WorkspaceCheckout> SyncAsync(TrackedRepository repository, GitRemote remote, CancellationToken cancellationToken) =>
        RunLockedAsync(repository, remote, "sync", (git, credentials, cache) =>
        {
            var branch = CachedClone.TargetBranch(git, repository.Branch)
                ?? throw new WorkspaceException(WorkspaceErrorKind.NotFound, repository.Id, "the remote has no default branch (empty repository?)");
            var head = CachedClone.RemoteBranchHead(git, branch)
                ?? throw new WorkspaceException(WorkspaceErrorKind.NotFound, repository.Id, $"the remote has no branch '{branch}'");
            var folder = CheckoutFolder.Materialize(cache, head, cancellationToken);
            LogSynced(logger, repository.Id, branch, head.Sha);
            return new WorkspaceCheckout(folder, branch, head.Sha);
        }, cancellationToken);

    public async Task<BotBranchState> InspectBranchAsync(TrackedRepository repository, string branch, GitAuthor bot, CancellationToken cancellationToken)
    {
        var cache = CacheFolder(repository);
        using var held = await CacheLock.AcquireAsync(cache, repository.Id, LockTimeout, time, cancellationToken).ConfigureAwait(false);
        if (!Repository.IsValid(CachedClone.GitFolder(cache)))
        {
            throw new WorkspaceException(WorkspaceErrorKind.Invalid, repository.Id, "not synced yet: call SyncAsync first");
        }

        using var git = new Repository(CachedClone.GitFolder(cache));
        return BranchInspection.Inspect(git, branch, CachedClone.TargetBranch(git, repository.Branch), bot);
    }

    public Task<PublishResult> PublishAsync(TrackedRepository repository, GitRemote remote, BranchUpdate update, CancellationToken cancellationToken)
    {
        if (!Reference.IsValidName("refs/heads/" + update.Branch))
        {
            throw new WorkspaceException(WorkspaceErrorKind.Invalid, repository.Id, $"'{update.Branch}' is not a valid branch name");
        }

        return RunLockedAsync(repository, remote, "publish", (git, credentials, _) =>
        {
            var baseCommit = git.Lookup<Commit>(update.BaseSha)
                ?? throw new WorkspaceException(WorkspaceErrorKind.Invalid, repository.Id, $"base commit {update.BaseSha} is unknown");
            var tree = BotCommit.BuildTree(git, baseCommit, update.Files);
            var remoteHead = CachedClone.RemoteBranchHead(git, update.Branch);
            if (BotCommit.IsSame(remoteHead, baseCommit, tree))
            {
                LogUnchanged(logger, repository.Id, update.Branch, remoteHead!.Sha);
                return new PublishResult(PublishOutcome.Unchanged, remoteHead.Sha);
            }

            if (!string.Equals(remoteHead?.Sha, update.ExpectedRemoteSha, StringComparison.OrdinalIgnoreCase))
            {
                throw new WorkspaceException(WorkspaceErrorKind.Conflict, repository.Id,
                    $"branch '{update.Branch}' is at {remoteHead?.Sha ?? "(missing)"}, expected {update.ExpectedRemoteSha ?? "(missing)"}: someone pushed meanwhile");
            }

            var now = time.GetUtcNow();
            var commit = BotCommit.Create(git, baseCommit, tree, update, now);
            if (update.DryRun)
            {
                LogWouldPush(logger, repository.Id, update.Branch, commit.Sha);
                return new PublishResult(PublishOutcome.Pushed, commit.Sha);
            }

            if (repository.Location is RepositoryLocation.Local)
            {
                LocalBranchWriter.Write(repository.Id, RemoteUrl(credentials.Url), update, now, commit.Sha, remoteHead?.Sha);
                git.Refs.Add(CachedClone.TrackingPrefix + update.Branch, commit.Id, "refreshbot publish", allowOverwrite: true);
            }
            else
            {
                BranchPush.ForcePush(git, update.Branch, commit, credentials, cancellationToken);
            }

            LogPushed(logger, repository.Id, update.Branch, commit.Sha, remoteHead?.Sha ?? "(new)");
            return new PublishResult(PublishOutcome.Pushed, commit.Sha);
        }, cancellationToken);
    }

    /// <summary>Takes the cache lock, opens (or creates) the clone, fetches, then runs <paramref name="work"/>; failures are classified and scrubbed.</summary>
    private async Task<T> RunLockedAsync<T>(TrackedRepository repository, GitRemote remote, string operation, Func<Repository, GitCredentials, string, T> work, CancellationToken cancellationToken)
    {
        var credentials = GitCredentials.From(remote);
        var url = RemoteUrl(credentials.Url);
        if (Path.IsPathRooted(url) && !Repository.IsValid(url))
        {
            throw new WorkspaceException(WorkspaceErrorKind.NotFound, repository.Id, $"no git repository at {url}");
        }

        var cache = CacheFolder(repository);
        using var held = await CacheLock.AcquireAsync(cache, repository.Id, LockTimeout, time, cancellationToken).ConfigureAwait(false);
        return await Task.Run(() =>
        {
            try
            {
                var gitFolder = CachedClone.GitFolder(cache);
                if (CacheRepair.RemoveStaleLocks(gitFolder) is > 0 and var stale)
                {
                    LogStaleLocks(logger, repository.Id, stale);
                }

                try
                {
                    return Attempt();
                }
                catch (LibGit2SharpException e) when (!cancellationToken.IsCancellationRequested && Directory.Exists(gitFolder) && CacheRepair.TellsOfDamage(e))
                {
                    LogDamaged(logger, repository.Id, GitFailure.Scrub(e.Message, credentials.Secrets));
                    CacheRepair.Discard(gitFolder);
                    return Attempt();
                }
            }
            catch (Exception e) when (e is UserCancelledException || (e is LibGit2SharpException && cancellationToken.IsCancellationRequested))
            {
                throw new OperationCanceledException(cancellationToken);
            }
            catch (LibGit2SharpException e)
            {
                var failure = GitFailure.Classify(repository.Id, operation, e, credentials.Secrets);
                LogFailed(logger, repository.Id, operation, failure.Kind, failure.Message);
                throw failure;
            }
        }, cancellationToken).ConfigureAwait(false);

        T Attempt()
        {
            using var git = CachedClone.Open(cache, url, out var created);
            if (created)
            {
                LogCloning(logger, repository.Id, cache);
            }
            else
            {
                LogFetching(logger, repository.Id);
            }

            if (!CachedClone.Fetch(git, credentials, cancellationToken))
            {
                LogUpToDate(logger, repository.Id);
            }

            return work(git, credentials, cache);
        }
    }

    /// <summary>A local path is made absolute (the cache lives elsewhere); URLs are kept as they are.</summary>
    private static string RemoteUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && !uri.IsFile ? url : Path.GetFullPath(uri?.LocalPath ?? url);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cloning {Repository} into {Folder}")]
    private static partial void LogCloning(ILogger logger, string repository, string folder);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Removed {Count} stale lock files from the cached clone of {Repository} (left by a killed writer)")]
    private static partial void LogStaleLocks(ILogger logger, string repository, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The cached clone of {Repository} is damaged ({Damage}): discarding it and cloning again")]
    private static partial void LogDamaged(ILogger logger, string repository, string damage);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Fetching {Repository}")]
    private static partial void LogFetching(ILogger logger, string repository);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Repository}: every remote branch is where the cached clone has it; fetch skipped")]
    private static partial void LogUpToDate(ILogger logger, string repository);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Synced {Repository}: {Branch} at {HeadSha}")]
    private static partial void LogSynced(ILogger logger, string repository, string branch, string headSha);

    [LoggerMessage(Level = LogLevel.Information, Message = "Branch {Branch} of {Repository} already holds this update ({CommitSha}): nothing pushed")]
    private static partial void LogUnchanged(ILogger logger, string repository, string branch, string commitSha);

    [LoggerMessage(Level = LogLevel.Information, Message = "Dry run: would push {CommitSha} to {Branch} of {Repository}")]
    private static partial void LogWouldPush(ILogger logger, string repository, string branch, string commitSha);

    [LoggerMessage(Level = LogLevel.Information, Message = "Pushed {CommitSha} to {Branch} of {Repository} (was {PreviousSha})")]
    private static partial void LogPushed(ILogger logger, string repository, string branch, string commitSha, string previousSha);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Git {Operation} failed for {Repository} ({Kind}): {Failure}")]
    private static partial void LogFailed(ILogger logger, string repository, string operation, WorkspaceErrorKind kind, string failure);
}

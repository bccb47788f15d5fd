using Microsoft.Extensions.Logging;
using RefreshBot.Application.Fleet;
using RefreshBot.Application.Refresh.Ports;

namespace RefreshBot.Adapters.Local;

/// <summary>
/// <see cref="ICodeHost"/> without a server, for <see cref="RepositoryLocation.Local"/> and
/// <see cref="RepositoryLocation.GitUrl"/> repositories: proposals are files under
/// <c>&lt;proposalsDirectory&gt;/&lt;repository folder&gt;/</c> (see <see cref="ProposalStore"/>), numbered 1, 2, 3… per
/// repository in <c>index.json</c>.
/// <para>A person closes a proposal by deleting its Markdown file or by setting its <c>state</c> in the index to
/// <c>ClosedUnmerged</c>; a local proposal counts as merged when its branch head is reachable from the target branch
/// in the local repository (or its state says <c>Merged</c>). Such derived states are written back to the index at the
/// next change, never by a read (reads stay side-effect free, for dry runs).</para>
/// </summary>
public sealed partial class LocalCodeHost(string proposalsDirectory, TimeProvider time, ILogger<LocalCodeHost> logger) : ICodeHost
{
    private readonly SemaphoreSlim _writes = new(1, 1);

    /// <summary>The local path (absolute) or the URL; user info found in a URL is moved into the user/password fields.</summary>
    public Task<GitRemote> GetRemoteAsync(TrackedRepository repository, CancellationToken cancellationToken) => Task.FromResult(Remote(repository));

    public Task<string> GetDefaultBranchAsync(TrackedRepository repository, CancellationToken cancellationToken)
    {
        var remote = Remote(repository);
        return Task.Run(() => LocalRepositoryBranches.DefaultBranch(repository, remote), cancellationToken);
    }

    public async Task<IReadOnlyList<PullRequestInfo>> FindPullRequestsAsync(TrackedRepository repository, string branch, CancellationToken cancellationToken)
    {
        var store = Store(repository);
        var index = await ReadAsync(store, repository, cancellationToken).ConfigureAwait(false);
        return [.. Current(store, repository, index).Where(r => r.Branch == branch).OrderByDescending(r => r.Number).Select(r => Info(store, repository, r))];
    }

    public Task<PullRequestInfo> CreateAsync(TrackedRepository repository, PullRequestDraft draft, CancellationToken cancellationToken) =>
        ChangeAsync(repository, "create", records =>
        {
            if (records.Any(r => r.Branch == draft.Branch && r.State == PullRequestState.Open))
            {
                throw new CodeHostException(CodeHostErrorKind.Invalid, $"local create {repository.Id}", $"a proposal for {draft.Branch} is already open");
            }

            var record = new ProposalRecord
            {
                Number = records.Count == 0 ? 1 : records.Max(r => r.Number) + 1,
                Branch = draft.Branch,
                BaseBranch = draft.BaseBranch,
                Title = draft.Title,
                Body = draft.Body,
                State = PullRequestState.Open,
                File = ProposalStore.FileName(draft.Branch),
                Labels = draft.Labels,
                Reviewers = draft.Reviewers,
                Assignees = draft.Assignees,
                IsDraft = draft.IsDraft,
                CreatedAt = time.GetUtcNow(),
            };
            return (records.Append(record).ToList(), record);
        }, cancellationToken);

    public Task<PullRequestInfo> UpdateAsync(TrackedRepository repository, int number, PullRequestDraft draft, CancellationToken cancellationToken) =>
        ChangeOneAsync(repository, "update", number, r => r with
        {
            Title = draft.Title,
            Body = draft.Body,
            BaseBranch = draft.BaseBranch,
            Labels = [.. r.Labels.Union(draft.Labels)],
            Reviewers = [.. r.Reviewers.Union(draft.Reviewers)],
            Assignees = [.. r.Assignees.Union(draft.Assignees)],
            IsDraft = draft.IsDraft,
            UpdatedAt = time.GetUtcNow(),
        }, cancellationToken);

    public Task CloseAsync(TrackedRepository repository, int number, string comment, CancellationToken cancellationToken) =>
        ChangeOneAsync(repository, "close", number, r => r with
        {
            State = PullRequestState.ClosedUnmerged,
            ClosedAt = time.GetUtcNow(),
            Comments = [.. r.Comments, comment],
        }, cancellationToken);

    public Task CommentAsync(TrackedRepository repository, int number, string comment, CancellationToken cancellationToken) =>
        ChangeOneAsync(repository, "comment", number, r => r with { Comments = [.. r.Comments, comment] }, cancellationToken);

    private Task<PullRequestInfo> ChangeOneAsync(TrackedRepository repository, string action, int number, Func<ProposalRecord, ProposalRecord> change, CancellationToken cancellationToken) =>
        ChangeAsync(repository, action, records =>
        {
            var at = records.FindIndex(r => r.Number == number);
            if (at < 0)
            {
                throw new CodeHostException(CodeHostErrorKind.NotFound, $"local {action} {repository.Id}#{number}", "no such proposal");
            }

            records[at] = change(records[at]);
            return (records, records[at]);
        }, cancellationToken);

    /// <summary>Reads the index (with derived states), applies <paramref name="change"/>, writes the changed Markdown file, then the index.</summary>
    private async Task<PullRequestInfo> ChangeAsync(TrackedRepository repository, string action, Func<List<ProposalRecord>, (List<ProposalRecord> All, ProposalRecord Changed)> change, CancellationToken cancellationToken)
    {
        var store = Store(repository);
        await _writes.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var index = await ReadAsync(store, repository, cancellationToken).ConfigureAwait(false);
            var (all, changed) = change(Current(store, repository, index).ToList());
            await store.WriteMarkdownAsync(changed, cancellationToken).ConfigureAwait(false);
            await store.WriteIndexAsync(index with { Proposals = all }, cancellationToken).ConfigureAwait(false);
            LogChanged(logger, action, repository.Id, changed.Number, store.PathOf(changed));
            return Info(store, repository, changed);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CodeHostException(CodeHostErrorKind.Transient, $"local {action} {repository.Id}", e.Message, inner: e);
        }
        finally
        {
            _writes.Release();
        }
    }

    private static async Task<ProposalIndex> ReadAsync(ProposalStore store, TrackedRepository repository, CancellationToken cancellationToken)
    {
        try
        {
            return await store.ReadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CodeHostException(CodeHostErrorKind.Transient, $"local read {repository.Id}", e.Message, inner: e);
        }
    }

    /// <summary>The records with what a person did applied: a deleted file closes; a merged branch merges.</summary>
    private IEnumerable<ProposalRecord> Current(ProposalStore store, TrackedRepository repository, ProposalIndex index)
    {
        foreach (var record in index.Proposals)
        {
            if (record.State != PullRequestState.Open)
            {
                yield return record;
            }
            else if (!File.Exists(store.PathOf(record)))
            {
                yield return record with { State = PullRequestState.ClosedUnmerged, ClosedAt = time.GetUtcNow() };
            }
            else
            {
                yield return LocalRepositoryBranches.Branch(repository, record.Branch, record.BaseBranch).Merged
                    ? record with { State = PullRequestState.Merged, ClosedAt = time.GetUtcNow() }
                    : record;
            }
        }
    }

    private static PullRequestInfo Info(ProposalStore store, TrackedRepository repository, ProposalRecord record) =>
        new(record.Number, store.PathOf(record), record.Branch, record.Title, record.Body, record.State,
            LocalRepositoryBranches.Branch(repository, record.Branch, record.BaseBranch).HeadSha, record.ClosedAt, record.Comments)
        {
            CreatedAt = record.CreatedAt,
        };

    private ProposalStore Store(TrackedRepository repository) =>
        repository.Location is RepositoryLocation.GitHub ? throw NotLocal(repository, "proposals") : new ProposalStore(proposalsDirectory, repository.Id);

    private static GitRemote Remote(TrackedRepository repository) => repository.Location switch
    {
        RepositoryLocation.Local local => new GitRemote(Path.GetFullPath(local.Path), null, null),
        RepositoryLocation.GitUrl url => WithoutUserInfo(url.Url),
        _ => throw NotLocal(repository, "remote"),
    };

    private static GitRemote WithoutUserInfo(Uri url)
    {
        if (url.UserInfo.Length == 0)
        {
            return new GitRemote(url.OriginalString, null, null);
        }

        var parts = url.UserInfo.Split(':', 2);
        var bare = new UriBuilder(url) { UserName = "", Password = "" }.Uri.AbsoluteUri;
        return new GitRemote(bare, Uri.UnescapeDataString(parts[0]), parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : null);
    }

    private static CodeHostException NotLocal(TrackedRepository repository, string what) =>
        new(CodeHostErrorKind.Invalid, $"local {what} {repository.Id}", "a GitHub repository is not served by the local code host");

    [LoggerMessage(Level = LogLevel.Information, Message = "Local proposal {Action} for {Repository}: #{Number} in {File}")]
    private static partial void LogChanged(ILogger logger, string action, string repository, int number, string file);
}

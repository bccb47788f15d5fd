using RefreshBot.Application.Fleet;
using RefreshBot.Application.Refresh.DashboardIssue;

namespace RefreshBot.Application.Refresh.Ports;

/// <summary>
/// Pull requests where the repository lives: GitHub (Octokit, Adapters/GitHub) or the local proposals folder
/// (Adapters/Local). CONTRACT (issue 3; issue 7 added the dashboard issue, <see cref="IDashboardIssueHost"/>).
/// Failures are <see cref="CodeHostException"/>.
/// </summary>
public interface ICodeHost : IDashboardIssueHost
{
    /// <summary>Where to clone from and push to, with a fresh credential (e.g. a GitHub App installation token).</summary>
    Task<GitRemote> GetRemoteAsync(TrackedRepository repository, CancellationToken cancellationToken);

    /// <summary>The repository's default branch (used when no branch is configured).</summary>
    Task<string> GetDefaultBranchAsync(TrackedRepository repository, CancellationToken cancellationToken);

    /// <summary>The bot's pull requests whose head is <paramref name="branch"/>, newest first, open and closed (merged or not).</summary>
    Task<IReadOnlyList<PullRequestInfo>> FindPullRequestsAsync(TrackedRepository repository, string branch, CancellationToken cancellationToken);

    Task<PullRequestInfo> CreateAsync(TrackedRepository repository, PullRequestDraft draft, CancellationToken cancellationToken);

    /// <summary>Updates title and body (and adds missing labels, reviewers, assignees).</summary>
    Task<PullRequestInfo> UpdateAsync(TrackedRepository repository, int number, PullRequestDraft draft, CancellationToken cancellationToken);

    /// <summary>Closes without merging, after posting <paramref name="comment"/>.</summary>
    Task CloseAsync(TrackedRepository repository, int number, string comment, CancellationToken cancellationToken);

    Task CommentAsync(TrackedRepository repository, int number, string comment, CancellationToken cancellationToken);
}

/// <param name="Branch">Head branch (in the same repository).</param>
/// <param name="BaseBranch">Target branch.</param>
/// <param name="IsDraft">Open as a draft (issue 4: failing builds).</param>
public sealed record PullRequestDraft(
    string Branch,
    string BaseBranch,
    string Title,
    string Body,
    IReadOnlyList<string> Labels,
    IReadOnlyList<string> Reviewers,
    IReadOnlyList<string> Assignees,
    bool IsDraft = false);

public enum PullRequestState
{
    Open,
    Merged,
    /// <summary>Closed by someone without merging.</summary>
    ClosedUnmerged,
}

/// <param name="Url">Where a person looks at it (html URL, or the proposal file for the local host).</param>
/// <param name="HeadSha">Head commit of the pull request when known.</param>
/// <param name="ClosedAt">When it was merged or closed, when the code host says (GitHub <c>closed_at</c>, which a merge sets too).</param>
/// <param name="Comments">Bodies of comments already on it (to comment once only); may be empty when not needed.</param>
public sealed record PullRequestInfo(
    int Number,
    string Url,
    string Branch,
    string Title,
    string Body,
    PullRequestState State,
    string? HeadSha,
    DateTimeOffset? ClosedAt,
    IReadOnlyList<string> Comments)
{
    /// <summary>When it was opened, when the code host says (GitHub <c>created_at</c>; the local host's record).</summary>
    public DateTimeOffset? CreatedAt { get; init; }
}

public enum CodeHostErrorKind
{
    /// <summary>5xx, timeouts: try again next cycle.</summary>
    Transient,
    /// <summary>Primary or secondary rate limit; <see cref="CodeHostException.RetryAt"/> says when.</summary>
    RateLimited,
    Auth,
    NotFound,
    /// <summary>422 and the like: the request was refused as invalid (e.g. a pull request already exists).</summary>
    Invalid,
}

/// <summary>A classified code host failure naming the request (method and path), never a token.</summary>
public sealed class CodeHostException(CodeHostErrorKind kind, string request, string message, DateTimeOffset? retryAt = null, Exception? inner = null)
    : Exception($"{request}: {message}", inner)
{
    public CodeHostErrorKind Kind { get; } = kind;

    public string Request { get; } = request;

    public DateTimeOffset? RetryAt { get; } = retryAt;
}

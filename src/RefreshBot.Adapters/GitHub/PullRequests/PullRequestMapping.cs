using Octokit;
using RefreshBot.Application.Refresh.Ports;

namespace RefreshBot.Adapters.GitHub.PullRequests;

/// <summary>Octokit's pull request → the port's <see cref="PullRequestInfo"/>.</summary>
internal static class PullRequestMapping
{
    public static PullRequestInfo ToInfo(PullRequest pull, IReadOnlyList<string> comments) =>
        new(pull.Number, pull.HtmlUrl, pull.Head.Ref, pull.Title, pull.Body ?? "", StateOf(pull), pull.Head.Sha, pull.MergedAt ?? pull.ClosedAt, comments)
        {
            CreatedAt = pull.CreatedAt,
        };

    /// <summary>List responses carry <c>merged_at</c> but not <c>merged</c>: a closed pull request with <c>merged_at</c> was merged.</summary>
    public static PullRequestState StateOf(PullRequest pull) =>
        pull.State == ItemState.Open ? PullRequestState.Open
        : pull.Merged || pull.MergedAt is not null ? PullRequestState.Merged
        : PullRequestState.ClosedUnmerged;

    /// <summary>Head is <paramref name="branch"/> in this very repository (not a fork's branch of the same name).</summary>
    public static bool HasHead(PullRequest pull, string owner, string name, string branch) =>
        pull.Head.Ref == branch
        && (pull.Head.Repository is null
            || string.Equals(pull.Head.Repository.FullName, owner + "/" + name, StringComparison.OrdinalIgnoreCase));
}

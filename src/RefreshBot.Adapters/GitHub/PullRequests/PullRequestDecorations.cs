using Microsoft.Extensions.Logging;
using Octokit;
using RefreshBot.Adapters.GitHub.Transport;
using RefreshBot.Application.Refresh.Ports;

namespace RefreshBot.Adapters.GitHub.PullRequests;

/// <summary>
/// Puts the configured labels, reviewers (<c>user</c> or <c>org/team</c>) and assignees on a pull request, adding only
/// what is missing and removing nothing a person added. A name GitHub refuses (422/404: a reviewer who is not a
/// collaborator, an assignee without access) is logged and skipped, so one bad entry in the
/// config never blocks the refresh; rate limits, outages and auth failures are thrown like any other call.
/// </summary>
internal sealed partial class PullRequestDecorations(GitHubCall call, ILogger logger)
{
    public async Task AddMissingAsync(
        IGitHubClient client, string owner, string name, string repository, PullRequest pull, PullRequestDraft draft, bool checkReviews,
        CancellationToken cancellationToken)
    {
        var number = pull.Number;
        var labels = Missing(draft.Labels, (pull.Labels ?? []).Select(l => l.Name));
        if (labels.Length > 0)
        {
            await TolerantAsync(repository, "labels", number, $"POST /repos/{owner}/{name}/issues/{number}/labels",
                () => client.Issue.Labels.AddToIssue(owner, name, number, labels), cancellationToken);
        }

        var users = Missing(
            draft.Reviewers.Where(r => !r.Contains('/', StringComparison.Ordinal)),
            (pull.RequestedReviewers ?? []).Select(u => u.Login).Append(pull.User?.Login ?? ""));
        var teams = Missing(
            draft.Reviewers.Where(r => r.Contains('/', StringComparison.Ordinal)).Select(r => r[(r.IndexOf('/', StringComparison.Ordinal) + 1)..]),
            (pull.RequestedTeams ?? []).Select(t => t.Slug));
        if (checkReviews && users.Length > 0)
        {
            // Someone who already reviewed is no longer "requested"; asking again would nag them every cycle.
            var reviewers = await ReviewersAsync(client, owner, name, repository, number, cancellationToken);
            users = Missing(users, reviewers);
        }

        if (users.Length > 0 || teams.Length > 0)
        {
            var request = new PullRequestReviewRequest(users, teams);
            await TolerantAsync(repository, "reviewers", number, $"POST /repos/{owner}/{name}/pulls/{number}/requested_reviewers",
                () => client.PullRequest.ReviewRequest.Create(owner, name, number, request), cancellationToken);
        }

        var assignees = Missing(draft.Assignees, (pull.Assignees ?? []).Select(a => a.Login));
        if (assignees.Length > 0)
        {
            await TolerantAsync(repository, "assignees", number, $"POST /repos/{owner}/{name}/issues/{number}/assignees",
                () => client.Issue.Assignee.AddAssignees(owner, name, number, new AssigneesUpdate(assignees)), cancellationToken);
        }
    }

    private async Task<IEnumerable<string>> ReviewersAsync(
        IGitHubClient client, string owner, string name, string repository, int number, CancellationToken cancellationToken)
    {
        try
        {
            var reviews = await call.RunAsync(repository, $"GET /repos/{owner}/{name}/pulls/{number}/reviews",
                () => client.PullRequest.Review.GetAll(owner, name, number), cancellationToken);
            return reviews.Select(r => r.User?.Login ?? "");
        }
        catch (CodeHostException failure) when (failure.Kind == CodeHostErrorKind.NotFound)
        {
            return [];
        }
    }

    /// <summary>Logins and label names compare case-insensitively on GitHub.</summary>
    private static string[] Missing(IEnumerable<string> wanted, IEnumerable<string> present)
    {
        var have = present.ToHashSet(StringComparer.OrdinalIgnoreCase);
        return [.. wanted.Where(w => !string.IsNullOrWhiteSpace(w) && !have.Contains(w)).Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    private async Task TolerantAsync<T>(string repository, string what, int number, string request, Func<Task<T>> send, CancellationToken cancellationToken)
    {
        try
        {
            await call.RunAsync(repository, request, send, cancellationToken);
        }
        catch (CodeHostException failure) when (failure.Kind is CodeHostErrorKind.Invalid or CodeHostErrorKind.NotFound)
        {
            LogSkipped(logger, repository, what, number, request, failure.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not add {What} to pull request #{Number} in {Repository} ({Request}): {Failure}")]
    private static partial void LogSkipped(ILogger logger, string repository, string what, int number, string request, string failure);
}

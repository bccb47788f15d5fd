using Microsoft.Extensions.Logging;
using Octokit;
using RefreshBot.Adapters.GitHub.Auth;
using RefreshBot.Adapters.GitHub.Transport;
using RefreshBot.Application.Refresh.Ports;

namespace RefreshBot.Adapters.GitHub.Issues;

/// <summary>An issue as the bot's issue users (weekly digest, dashboard issue) see it.</summary>
internal sealed record FoundIssue(int Number, string Url, string Title, string Body, bool IsOpen, IReadOnlyList<string> Labels);

/// <summary>
/// Plain issues of one repository over the GitHub REST API (Octokit), shared by the weekly digest's issue channel and
/// the dashboard issue. Never retries a create POST that may have reached GitHub (see <see cref="Transport.TransientRetry"/>); after a transient failure of the create POST it looks for the issue
/// (the POST may have taken effect) and adopts it instead of failing, so a retry never leaves a duplicate.
/// </summary>
internal sealed partial class GitHubIssues(GitHubAccess access, GitHubCall call, int pageSize, ILogger logger)
{
    /// <summary>Issues (pull requests excluded) carrying all <paramref name="labels"/>, newest first, every page.</summary>
    public async Task<IReadOnlyList<FoundIssue>> FindAsync(string owner, string name, IReadOnlyList<string> labels, bool includeClosed, CancellationToken cancellationToken)
    {
        var client = await ClientAsync(owner, name, cancellationToken);
        var query = new RepositoryIssueRequest
        {
            State = includeClosed ? ItemStateFilter.All : ItemStateFilter.Open,
            SortProperty = IssueSort.Created,
            SortDirection = SortDirection.Descending,
        };
        foreach (var label in labels)
        {
            query.Labels.Add(label);
        }

        var all = await call.RunAsync(Id(owner, name), "GET " + IssuesPath(owner, name),
            () => client.Issue.GetAllForRepository(owner, name, query, new ApiOptions { PageSize = pageSize }), cancellationToken);
        return [.. all.Where(i => i.PullRequest is null).Select(ToFound)];
    }

    /// <param name="isCreated">Tells the issue this create made among the open ones found after a transient failure.</param>
    public async Task<FoundIssue> CreateAsync(
        string owner, string name, string title, string body, IReadOnlyList<string> labels, Func<FoundIssue, bool> isCreated, CancellationToken cancellationToken)
    {
        var client = await ClientAsync(owner, name, cancellationToken);
        var create = new NewIssue(title) { Body = body };
        foreach (var label in labels)
        {
            create.Labels.Add(label);
        }

        var request = "POST " + IssuesPath(owner, name);
        try
        {
            return ToFound(await call.RunAsync(Id(owner, name), request, () => client.Issue.Create(owner, name, create), cancellationToken));
        }
        catch (CodeHostException failure) when (failure.Kind == CodeHostErrorKind.Transient)
        {
            var created = await FindCreatedAsync(owner, name, labels, isCreated, cancellationToken);
            if (created is null)
            {
                throw;
            }

            LogAdopted(logger, Id(owner, name), request, created.Number);
            return created;
        }
    }

    /// <summary>Sets title and body, keeps its labels and adds missing ones; reopens it when <paramref name="reopen"/>.</summary>
    public async Task<FoundIssue> UpdateAsync(
        string owner, string name, int number, string title, string body, IReadOnlyList<string> labels, bool reopen, CancellationToken cancellationToken)
    {
        var client = await ClientAsync(owner, name, cancellationToken);
        var path = $"{IssuesPath(owner, name)}/{number}";
        var current = await call.RunAsync(Id(owner, name), "GET " + path, () => client.Issue.Get(owner, name, number), cancellationToken);
        var update = new IssueUpdate { Title = title, Body = body };
        if (reopen)
        {
            update.State = ItemState.Open;
        }

        foreach (var label in current.Labels.Select(l => l.Name).Union(labels, StringComparer.OrdinalIgnoreCase))
        {
            update.AddLabel(label);
        }

        return ToFound(await call.RunAsync(Id(owner, name), "PATCH " + path, () => client.Issue.Update(owner, name, number, update), cancellationToken));
    }

    /// <summary>Comments <paramref name="comment"/>, then closes the issue (reason: completed), setting <paramref name="body"/> when given.</summary>
    public async Task CloseAsync(string owner, string name, int number, string comment, string? body, CancellationToken cancellationToken)
    {
        var client = await ClientAsync(owner, name, cancellationToken);
        var path = $"{IssuesPath(owner, name)}/{number}";
        await call.RunAsync(Id(owner, name), $"POST {path}/comments", () => client.Issue.Comment.Create(owner, name, number, comment), cancellationToken);
        var close = new IssueUpdate { State = ItemState.Closed, StateReason = ItemStateReason.Completed };
        if (body is not null)
        {
            close.Body = body;
        }

        await call.RunAsync(Id(owner, name), "PATCH " + path, () => client.Issue.Update(owner, name, number, close), cancellationToken);
    }

    private static string Id(string owner, string name) => owner + "/" + name;

    private static string IssuesPath(string owner, string name) => $"/repos/{owner}/{name}/issues";

    private async Task<IGitHubClient> ClientAsync(string owner, string name, CancellationToken cancellationToken) =>
        (await access.ForAsync(owner, name, cancellationToken)).Client;

    private async Task<FoundIssue?> FindCreatedAsync(
        string owner, string name, IReadOnlyList<string> labels, Func<FoundIssue, bool> isCreated, CancellationToken cancellationToken)
    {
        try
        {
            var found = await FindAsync(owner, name, labels, includeClosed: false, cancellationToken);
            return found.FirstOrDefault(isCreated);
        }
        catch (CodeHostException)
        {
            return null;
        }
    }

    private static FoundIssue ToFound(Issue issue) =>
        new(issue.Number, issue.HtmlUrl, issue.Title, issue.Body ?? "", issue.State.Value == ItemState.Open, [.. issue.Labels.Select(l => l.Name)]);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Request} for {Repository} failed transiently, but it had opened issue #{Number}; using it")]
    private static partial void LogAdopted(ILogger logger, string repository, string request, int number);
}

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Octokit;
using RefreshBot.Adapters.GitHub.Auth;
using RefreshBot.Adapters.GitHub.Transport;
using RefreshBot.Application.Refresh.Ports;
using RefreshBot.Application.Reporting.Publishing;

namespace RefreshBot.Adapters.GitHub.Issues;

/// <summary>
/// <see cref="IDigestIssues"/> over the GitHub REST API (Octokit) for one repository, with the connection and
/// authentication of <see cref="GitHubCodeHost"/> (<see cref="GitHubAccess"/>: a token or a GitHub App). Never retries
/// on its own; after a transient failure of the create POST it looks for the issue (the POST may have taken effect)
/// and adopts it instead of failing, so a retry never leaves a duplicate.
/// </summary>
public sealed partial class GitHubDigestIssues : IDigestIssues, IDisposable
{
    private readonly string _owner;
    private readonly string _name;
    private readonly GitHubOptions _options;
    private readonly GitHubAccess _access;
    private readonly GitHubCall _call;
    private readonly ILogger _logger;

    /// <param name="options">Validated here (throws <see cref="ArgumentException"/>).</param>
    /// <param name="owner">Owner of the repository the issues live in.</param>
    /// <param name="name">Its name.</param>
    public GitHubDigestIssues(
        GitHubOptions options, string owner, string name, ILoggerFactory? loggerFactory = null, TimeProvider? time = null, HttpMessageHandler? primaryHandler = null)
    {
        options.Validate();
        _options = options;
        _owner = owner;
        _name = name;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<GitHubDigestIssues>();
        _call = new GitHubCall(time ?? TimeProvider.System, _logger);
        _access = new GitHubAccess(options, _call, time ?? TimeProvider.System, _logger, primaryHandler);
    }

    public string Repository => _owner + "/" + _name;

    private string IssuesPath => $"/repos/{_owner}/{_name}/issues";

    public async Task<IReadOnlyList<DigestIssue>> FindAsync(IReadOnlyList<string> labels, CancellationToken cancellationToken)
    {
        var access = await _access.ForAsync(_owner, _name, cancellationToken);
        var query = new RepositoryIssueRequest
        {
            State = ItemStateFilter.All,
            SortProperty = IssueSort.Created,
            SortDirection = SortDirection.Descending,
        };
        foreach (var label in labels)
        {
            query.Labels.Add(label);
        }

        var all = await _call.RunAsync(Repository, "GET " + IssuesPath,
            () => access.Client.Issue.GetAllForRepository(_owner, _name, query, new ApiOptions { PageSize = _options.PageSize }), cancellationToken);
        return [.. all.Where(i => i.PullRequest is null).Select(ToDigestIssue)];
    }

    public async Task<DigestIssue> CreateAsync(DigestIssueDraft draft, CancellationToken cancellationToken)
    {
        var access = await _access.ForAsync(_owner, _name, cancellationToken);
        var create = new NewIssue(draft.Title) { Body = draft.Body };
        foreach (var label in draft.Labels)
        {
            create.Labels.Add(label);
        }

        var request = "POST " + IssuesPath;
        try
        {
            var issue = await _call.RunAsync(Repository, request, () => access.Client.Issue.Create(_owner, _name, create), cancellationToken);
            return ToDigestIssue(issue);
        }
        catch (CodeHostException failure) when (failure.Kind == CodeHostErrorKind.Transient)
        {
            var created = await FindCreatedAsync(draft, cancellationToken);
            if (created is null)
            {
                throw;
            }

            LogAdopted(_logger, Repository, request, created.Number);
            return created;
        }
    }

    public async Task<DigestIssue> UpdateAsync(int number, DigestIssueDraft draft, CancellationToken cancellationToken)
    {
        var access = await _access.ForAsync(_owner, _name, cancellationToken);
        var path = $"{IssuesPath}/{number}";
        var current = await _call.RunAsync(Repository, "GET " + path, () => access.Client.Issue.Get(_owner, _name, number), cancellationToken);
        var update = new IssueUpdate { Title = draft.Title, Body = draft.Body };
        foreach (var label in current.Labels.Select(l => l.Name).Union(draft.Labels, StringComparer.OrdinalIgnoreCase))
        {
            update.AddLabel(label);
        }

        var updated = await _call.RunAsync(Repository, "PATCH " + path, () => access.Client.Issue.Update(_owner, _name, number, update), cancellationToken);
        return ToDigestIssue(updated);
    }

    public async Task CloseAsync(int number, string comment, CancellationToken cancellationToken)
    {
        var access = await _access.ForAsync(_owner, _name, cancellationToken);
        var path = $"{IssuesPath}/{number}";
        await _call.RunAsync(Repository, $"POST {path}/comments", () => access.Client.Issue.Comment.Create(_owner, _name, number, comment), cancellationToken);
        var close = new IssueUpdate { State = ItemState.Closed, StateReason = ItemStateReason.Completed };
        await _call.RunAsync(Repository, "PATCH " + path, () => access.Client.Issue.Update(_owner, _name, number, close), cancellationToken);
    }

    public void Dispose() => _access.Dispose();

    private async Task<DigestIssue?> FindCreatedAsync(DigestIssueDraft draft, CancellationToken cancellationToken)
    {
        try
        {
            var found = await FindAsync(draft.Labels, cancellationToken);
            return found.FirstOrDefault(i => i.IsOpen && i.Title == draft.Title && i.Body.ReplaceLineEndings("\n") == draft.Body);
        }
        catch (CodeHostException)
        {
            return null;
        }
    }

    private static DigestIssue ToDigestIssue(Issue issue) =>
        new(issue.Number, issue.HtmlUrl, issue.Title, issue.Body ?? "", issue.State.Value == ItemState.Open, [.. issue.Labels.Select(l => l.Name)]);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Request} for {Repository} failed transiently, but it had opened issue #{Number}; using it")]
    private static partial void LogAdopted(ILogger logger, string repository, string request, int number);
}

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Octokit;
using RefreshBot.Adapters.GitHub.Auth;
using RefreshBot.Adapters.GitHub.Issues;
using RefreshBot.Adapters.GitHub.PullRequests;
using RefreshBot.Adapters.GitHub.Transport;
using RefreshBot.Application.Fleet;
using RefreshBot.Application.Refresh.Ports;

namespace RefreshBot.Adapters.GitHub;

/// <summary>
/// <see cref="ICodeHost"/> over the GitHub REST API (Octokit), for repositories at <see cref="RepositoryLocation.GitHub"/>.
/// One instance serves the whole fleet (it caches installation tokens). Transient failures of replayable requests are
/// retried by the transport (<see cref="TransientRetry"/>: reads and PATCH, never a POST that may have reached GitHub);
/// what still fails is a <see cref="CodeHostException"/> for the cycle to act on, so a failed POST is never replayed into a duplicate.
/// The one exception is <see cref="CreateAsync"/> after a transient failure: it looks the branch's open pull request up
/// and, when the POST did take effect, carries on with that one instead of reporting a failure.
/// </summary>
public sealed partial class GitHubCodeHost : ICodeHost, IDisposable
{
    private readonly GitHubOptions _options;
    private readonly GitHubAccess _access;
    private readonly GitHubCall _call;
    private readonly PullRequestDecorations _decorations;
    private readonly GitHubIssues _issues;
    private readonly ILogger _logger;

    /// <param name="options">Validated here (throws <see cref="ArgumentException"/>).</param>
    /// <param name="loggerFactory">Logs (never a token or JWT); none when null.</param>
    /// <param name="time">Clock for token expiry and rate-limit reset times; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="primaryHandler">Innermost HTTP handler; a <see cref="SocketsHttpHandler"/> when null.</param>
    public GitHubCodeHost(GitHubOptions options, ILoggerFactory? loggerFactory = null, TimeProvider? time = null, HttpMessageHandler? primaryHandler = null)
    {
        options.Validate();
        _options = options;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<GitHubCodeHost>();
        _call = new GitHubCall(time ?? TimeProvider.System, _logger);
        _access = new GitHubAccess(options, _call, time ?? TimeProvider.System, _logger, primaryHandler);
        _decorations = new PullRequestDecorations(_call, _logger);
        _issues = new GitHubIssues(_access, _call, options.PageSize, _logger);
    }

    /// <summary>The connection (shared clients and installation tokens), for other GitHub adapters such as discovery.</summary>
    internal GitHubAccess Access => _access;

    internal GitHubCall Call => _call;

    internal GitHubOptions Options => _options;

    public async Task<GitRemote> GetRemoteAsync(TrackedRepository repository, CancellationToken cancellationToken)
    {
        var (owner, name, id) = Locate(repository);
        var access = await _access.ForAsync(owner, name, cancellationToken);
        var found = await _call.RunAsync(id, $"GET /repos/{owner}/{name}", () => access.Client.Repository.Get(owner, name), cancellationToken);
        return new GitRemote(found.CloneUrl, "x-access-token", access.Token);
    }

    public async Task<string> GetDefaultBranchAsync(TrackedRepository repository, CancellationToken cancellationToken)
    {
        var (owner, name, id) = Locate(repository);
        var access = await _access.ForAsync(owner, name, cancellationToken);
        var found = await _call.RunAsync(id, $"GET /repos/{owner}/{name}", () => access.Client.Repository.Get(owner, name), cancellationToken);
        return found.DefaultBranch;
    }

    /// <summary>
    /// All pull requests with head <c>owner:branch</c>, newest first (every page). Open ones carry the bodies of all
    /// their comments (the cycle looks for its own marker there to comment once); closed ones carry none.
    /// </summary>
    public async Task<IReadOnlyList<PullRequestInfo>> FindPullRequestsAsync(TrackedRepository repository, string branch, CancellationToken cancellationToken)
    {
        var (owner, name, id) = Locate(repository);
        var access = await _access.ForAsync(owner, name, cancellationToken);
        var found = await ListByHeadAsync(access, owner, name, id, branch, ItemStateFilter.All, cancellationToken);
        var result = new List<PullRequestInfo>(found.Count);
        foreach (var pull in found)
        {
            IReadOnlyList<string> comments = [];
            if (pull.State == ItemState.Open)
            {
                var all = await _call.RunAsync(id, $"GET /repos/{owner}/{name}/issues/{pull.Number}/comments",
                    () => access.Client.Issue.Comment.GetAllForIssue(owner, name, pull.Number, Pages()), cancellationToken);
                comments = [.. all.Select(c => c.Body ?? "")];
            }

            result.Add(PullRequestMapping.ToInfo(pull, comments));
        }

        return result;
    }

    public async Task<PullRequestInfo> CreateAsync(TrackedRepository repository, PullRequestDraft draft, CancellationToken cancellationToken)
    {
        var (owner, name, id) = Locate(repository);
        var access = await _access.ForAsync(owner, name, cancellationToken);
        var request = $"POST /repos/{owner}/{name}/pulls";
        var create = new NewPullRequest(draft.Title, draft.Branch, draft.BaseBranch) { Body = draft.Body, Draft = draft.IsDraft };
        PullRequest pull;
        try
        {
            pull = await _call.RunAsync(id, request, () => access.Client.PullRequest.Create(owner, name, create), cancellationToken);
            LogCreated(_logger, id, pull.Number, pull.HtmlUrl);
        }
        catch (CodeHostException failure) when (failure.Kind == CodeHostErrorKind.Transient)
        {
            // The POST may have taken effect before the failure: look before the cycle reports it and retries later.
            var created = await FindCreatedAsync(access, owner, name, id, draft, cancellationToken);
            if (created is null)
            {
                throw;
            }

            pull = created;
            LogAdopted(_logger, id, request, pull.Number);
        }

        await _decorations.AddMissingAsync(access.Client, owner, name, id, pull, draft, checkReviews: false, cancellationToken);
        return PullRequestMapping.ToInfo(pull, []);
    }

    /// <summary>Edits title and body only when they differ; adds configured labels, reviewers and assignees that are missing (removes nothing).</summary>
    public async Task<PullRequestInfo> UpdateAsync(TrackedRepository repository, int number, PullRequestDraft draft, CancellationToken cancellationToken)
    {
        var (owner, name, id) = Locate(repository);
        var access = await _access.ForAsync(owner, name, cancellationToken);
        var path = $"/repos/{owner}/{name}/pulls/{number}";
        var pull = await _call.RunAsync(id, "GET " + path, () => access.Client.PullRequest.Get(owner, name, number), cancellationToken);
        if (pull.Title != draft.Title || (pull.Body ?? "") != draft.Body)
        {
            var update = new PullRequestUpdate { Title = draft.Title, Body = draft.Body };
            pull = await _call.RunAsync(id, "PATCH " + path, () => access.Client.PullRequest.Update(owner, name, number, update), cancellationToken);
            LogUpdated(_logger, id, number);
        }

        await _decorations.AddMissingAsync(access.Client, owner, name, id, pull, draft, checkReviews: true, cancellationToken);
        return PullRequestMapping.ToInfo(pull, []);
    }

    public async Task CloseAsync(TrackedRepository repository, int number, string comment, CancellationToken cancellationToken)
    {
        var (owner, name, id) = Locate(repository);
        var access = await _access.ForAsync(owner, name, cancellationToken);
        await CommentAsync(access, owner, name, id, number, comment, cancellationToken);
        var close = new PullRequestUpdate { State = ItemState.Closed };
        await _call.RunAsync(id, $"PATCH /repos/{owner}/{name}/pulls/{number}",
            () => access.Client.PullRequest.Update(owner, name, number, close), cancellationToken);
        LogClosed(_logger, id, number);
    }

    public async Task CommentAsync(TrackedRepository repository, int number, string comment, CancellationToken cancellationToken)
    {
        var (owner, name, id) = Locate(repository);
        var access = await _access.ForAsync(owner, name, cancellationToken);
        await CommentAsync(access, owner, name, id, number, comment, cancellationToken);
    }

    public void Dispose() => _access.Dispose();

    private static (string Owner, string Name, string Id) Locate(TrackedRepository repository) =>
        repository.Location is RepositoryLocation.GitHub github
            ? (github.Owner, github.Name, github.Owner + "/" + github.Name)
            : throw new ArgumentException($"{repository.Id} is not a GitHub repository", nameof(repository));

    private ApiOptions Pages() => new() { PageSize = _options.PageSize };

    private async Task CommentAsync(RepositoryAccess access, string owner, string name, string id, int number, string comment, CancellationToken cancellationToken)
    {
        await _call.RunAsync(id, $"POST /repos/{owner}/{name}/issues/{number}/comments",
            () => access.Client.Issue.Comment.Create(owner, name, number, comment), cancellationToken);
        LogCommented(_logger, id, number);
    }

    private async Task<IReadOnlyList<PullRequest>> ListByHeadAsync(
        RepositoryAccess access, string owner, string name, string id, string branch, ItemStateFilter state, CancellationToken cancellationToken)
    {
        var query = new PullRequestRequest
        {
            State = state,
            Head = owner + ":" + branch,
            SortProperty = PullRequestSort.Created,
            SortDirection = SortDirection.Descending,
        };
        var all = await _call.RunAsync(id, $"GET /repos/{owner}/{name}/pulls",
            () => access.Client.PullRequest.GetAllForRepository(owner, name, query, Pages()), cancellationToken);
        return [.. all.Where(p => PullRequestMapping.HasHead(p, owner, name, branch))
            .OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Number)];
    }

    private async Task<PullRequest?> FindCreatedAsync(
        RepositoryAccess access, string owner, string name, string id, PullRequestDraft draft, CancellationToken cancellationToken)
    {
        try
        {
            var open = await ListByHeadAsync(access, owner, name, id, draft.Branch, ItemStateFilter.Open, cancellationToken);
            return open.FirstOrDefault(p => p.Base.Ref == draft.BaseBranch && p.Title == draft.Title);
        }
        catch (CodeHostException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Opened pull request #{Number} in {Repository}: {Url}")]
    private static partial void LogCreated(ILogger logger, string repository, int number, string url);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Request} for {Repository} failed transiently, but it had opened #{Number}; using it")]
    private static partial void LogAdopted(ILogger logger, string repository, string request, int number);

    [LoggerMessage(Level = LogLevel.Information, Message = "Updated title and body of pull request #{Number} in {Repository}")]
    private static partial void LogUpdated(ILogger logger, string repository, int number);

    [LoggerMessage(Level = LogLevel.Information, Message = "Closed pull request #{Number} in {Repository}")]
    private static partial void LogClosed(ILogger logger, string repository, int number);

    [LoggerMessage(Level = LogLevel.Information, Message = "Commented on pull request #{Number} in {Repository}")]
    private static partial void LogCommented(ILogger logger, string repository, int number);
}

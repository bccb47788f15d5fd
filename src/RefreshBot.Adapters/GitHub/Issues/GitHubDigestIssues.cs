using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RefreshBot.Adapters.GitHub.Auth;
using RefreshBot.Adapters.GitHub.Transport;
using RefreshBot.Application.Reporting.Publishing;

namespace RefreshBot.Adapters.GitHub.Issues;

/// <summary>
/// <see cref="IDigestIssues"/> over the GitHub REST API (<see cref="GitHubIssues"/>) for one repository, with the
/// connection and authentication of <see cref="GitHubCodeHost"/> (<see cref="GitHubAccess"/>: a token or a GitHub App).
/// Never retries a create POST that may have reached GitHub (see <see cref="Transport.TransientRetry"/>); after a transient failure of the create POST it looks for the issue (the POST may have
/// taken effect) and adopts it instead of failing, so a retry never leaves a duplicate.
/// </summary>
public sealed class GitHubDigestIssues : IDigestIssues, IDisposable
{
    private readonly string _owner;
    private readonly string _name;
    private readonly GitHubAccess _access;
    private readonly GitHubIssues _issues;

    /// <param name="options">Validated here (throws <see cref="ArgumentException"/>).</param>
    /// <param name="owner">Owner of the repository the issues live in.</param>
    /// <param name="name">Its name.</param>
    public GitHubDigestIssues(
        GitHubOptions options, string owner, string name, ILoggerFactory? loggerFactory = null, TimeProvider? time = null, HttpMessageHandler? primaryHandler = null)
    {
        options.Validate();
        _owner = owner;
        _name = name;
        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<GitHubDigestIssues>();
        var call = new GitHubCall(time ?? TimeProvider.System, logger);
        _access = new GitHubAccess(options, call, time ?? TimeProvider.System, logger, primaryHandler);
        _issues = new GitHubIssues(_access, call, options.PageSize, logger);
    }

    public string Repository => _owner + "/" + _name;

    public async Task<IReadOnlyList<DigestIssue>> FindAsync(IReadOnlyList<string> labels, CancellationToken cancellationToken) =>
        [.. (await _issues.FindAsync(_owner, _name, labels, includeClosed: true, cancellationToken)).Select(ToDigestIssue)];

    public async Task<DigestIssue> CreateAsync(DigestIssueDraft draft, CancellationToken cancellationToken) =>
        ToDigestIssue(await _issues.CreateAsync(
            _owner, _name, draft.Title, draft.Body, draft.Labels,
            i => i.IsOpen && i.Title == draft.Title && i.Body.ReplaceLineEndings("\n") == draft.Body, cancellationToken));

    public async Task<DigestIssue> UpdateAsync(int number, DigestIssueDraft draft, CancellationToken cancellationToken) =>
        ToDigestIssue(await _issues.UpdateAsync(_owner, _name, number, draft.Title, draft.Body, draft.Labels, reopen: false, cancellationToken));

    public Task CloseAsync(int number, string comment, CancellationToken cancellationToken) =>
        _issues.CloseAsync(_owner, _name, number, comment, body: null, cancellationToken);

    public void Dispose() => _access.Dispose();

    private static DigestIssue ToDigestIssue(FoundIssue issue) => new(issue.Number, issue.Url, issue.Title, issue.Body, issue.IsOpen, issue.Labels);
}

using RefreshBot.Adapters.GitHub.Issues;
using RefreshBot.Application.Fleet;
using RefreshBot.Application.Refresh.DashboardIssue;
using RefreshBot.Domain.Proposals.Dashboard;

namespace RefreshBot.Adapters.GitHub;

/// <summary>The dashboard issue: a plain issue labelled <see cref="DashboardIssueDraft.Labels"/>, found by its hidden marker.</summary>
public sealed partial class GitHubCodeHost
{
    public async Task<DashboardIssueInfo?> FindDashboardIssueAsync(TrackedRepository repository, bool includeClosed, CancellationToken cancellationToken)
    {
        var (owner, name, _) = Locate(repository);
        var found = await _issues.FindAsync(owner, name, [DashboardIssueDraft.FindLabel], includeClosed, cancellationToken);
        return found.FirstOrDefault(i => DashboardText.IsDashboard(i.Body)) is { } issue ? ToDashboard(issue) : null;
    }

    public async Task<DashboardIssueInfo> CreateDashboardIssueAsync(TrackedRepository repository, DashboardIssueDraft draft, CancellationToken cancellationToken)
    {
        var (owner, name, _) = Locate(repository);
        var created = await _issues.CreateAsync(
            owner, name, draft.Title, draft.Body, DashboardIssueDraft.Labels, i => i.IsOpen && DashboardText.IsDashboard(i.Body), cancellationToken);
        return ToDashboard(created);
    }

    public async Task UpdateDashboardIssueAsync(TrackedRepository repository, int number, DashboardIssueDraft draft, bool reopen, CancellationToken cancellationToken)
    {
        var (owner, name, _) = Locate(repository);
        await _issues.UpdateAsync(owner, name, number, draft.Title, draft.Body, DashboardIssueDraft.Labels, reopen, cancellationToken);
    }

    public async Task CloseDashboardIssueAsync(TrackedRepository repository, int number, string body, string comment, CancellationToken cancellationToken)
    {
        var (owner, name, _) = Locate(repository);
        await _issues.CloseAsync(owner, name, number, comment, body, cancellationToken);
    }

    private static DashboardIssueInfo ToDashboard(FoundIssue issue) => new(issue.Number, issue.Url, issue.Title, issue.Body, issue.IsOpen);
}

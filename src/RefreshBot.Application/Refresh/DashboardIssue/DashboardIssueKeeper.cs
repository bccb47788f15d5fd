using Microsoft.Extensions.Logging;
using RefreshBot.Application.Fleet;
using RefreshBot.Application.Refresh.History;
using RefreshBot.Application.Refresh.Ports;
using RefreshBot.Application.Refresh.Reporting;
using RefreshBot.Domain.Proposals.Dashboard;

namespace RefreshBot.Application.Refresh.DashboardIssue;

/// <summary>What the keeper did with a repository's dashboard issue.</summary>
public enum DashboardIssueAction
{
    /// <summary>The option is off and there is no open dashboard issue.</summary>
    None,
    Created,
    Updated,
    /// <summary>Its content did not change: not edited.</summary>
    Unchanged,
    /// <summary>A person closed it: left closed, not recreated.</summary>
    LeftClosed,
    /// <summary>The bot had closed it (option off) and the option is on again.</summary>
    Reopened,
    /// <summary>The option was turned off: commented and closed.</summary>
    Closed,
    /// <summary>The code host failed; the run's outcome is not affected, the next run tries again.</summary>
    Failed,
}

/// <summary>
/// After a (non-dry) refresh of a repository: keeps its ONE dashboard issue current when <see cref="TrackedRepository.DashboardIssue"/>
/// is on — created once, edited only when its content changed, left closed when a person closed it — and closes it
/// with a comment when the option is off. A code host failure here is logged and never fails the repository's run.
/// </summary>
public sealed partial class DashboardIssueKeeper(ILogger logger)
{
    public async Task<DashboardIssueAction> KeepAsync(
        TrackedRepository repository, IDashboardIssueHost host, RepositoryOutcome outcome, IRefreshHistory history, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        try
        {
            var action = repository.DashboardIssue
                ? await KeepCurrentAsync(repository, host, outcome, history, now, cancellationToken).ConfigureAwait(false)
                : await RetireAsync(repository, host, now, cancellationToken).ConfigureAwait(false);
            if (action is not (DashboardIssueAction.None or DashboardIssueAction.Unchanged))
            {
                LogAction(logger, repository.Id, action);
            }

            return action;
        }
        catch (CodeHostException e)
        {
            LogFailed(logger, repository.Id, e.Message);
            return DashboardIssueAction.Failed;
        }
    }

    private static async Task<DashboardIssueAction> KeepCurrentAsync(
        TrackedRepository repository, IDashboardIssueHost host, RepositoryOutcome outcome, IRefreshHistory history, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var open = await history.OpenProposalsAsync(repository.Id, cancellationToken).ConfigureAwait(false);
        var draft = new DashboardIssueDraft(repository.DashboardIssueTitle, DashboardText.Body(DashboardContents.Of(outcome, open), now));
        var found = await host.FindDashboardIssueAsync(repository, includeClosed: true, cancellationToken).ConfigureAwait(false);
        switch (found)
        {
            case null:
                await host.CreateDashboardIssueAsync(repository, draft, cancellationToken).ConfigureAwait(false);
                return DashboardIssueAction.Created;
            case { IsOpen: false } when !DashboardText.IsRetired(found.Body):
                return DashboardIssueAction.LeftClosed;
            case { IsOpen: false }:
                await host.UpdateDashboardIssueAsync(repository, found.Number, draft, reopen: true, cancellationToken).ConfigureAwait(false);
                return DashboardIssueAction.Reopened;
            case var current when DashboardText.SameContent(current.Body, draft.Body):
                return DashboardIssueAction.Unchanged;
            default:
                await host.UpdateDashboardIssueAsync(repository, found.Number, draft, reopen: false, cancellationToken).ConfigureAwait(false);
                return DashboardIssueAction.Updated;
        }
    }

    private static async Task<DashboardIssueAction> RetireAsync(TrackedRepository repository, IDashboardIssueHost host, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var open = await host.FindDashboardIssueAsync(repository, includeClosed: false, cancellationToken).ConfigureAwait(false);
        if (open is not { IsOpen: true })
        {
            return DashboardIssueAction.None;
        }

        await host.CloseDashboardIssueAsync(repository, open.Number, DashboardText.RetiredBody(now), DashboardText.RetiredComment, cancellationToken).ConfigureAwait(false);
        return DashboardIssueAction.Closed;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Repository}: dashboard issue {Action}")]
    private static partial void LogAction(ILogger logger, string repository, DashboardIssueAction action);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Repository}: the dashboard issue could not be kept current: {Reason}")]
    private static partial void LogFailed(ILogger logger, string repository, string reason);
}

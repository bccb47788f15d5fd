using RefreshBot.Application.Evaluation.Ports;
using RefreshBot.Application.Ports;
using RefreshBot.Application.Refresh.Ports;
using RefreshBot.Application.Refresh.Reporting;

namespace RefreshBot.Application.Telemetry;

/// <summary>What the refresh cycle records about one repository's run (kept here so the cycle stays a data flow).</summary>
public static class RefreshMetrics
{
    /// <summary>Duration and outcome; pull requests opened/updated/closed unless it was a dry run (nothing was written then).</summary>
    public static void RepositoryDone(this RefreshBotMetrics metrics, RepositoryOutcome outcome, TimeSpan duration, bool dryRun)
    {
        var succeeded = outcome.Status == RepositoryStatus.Succeeded;
        metrics.RepositoryRefreshed(outcome.Repository, duration, succeeded ? "succeeded" : "failed");
        if (dryRun)
        {
            return;
        }

        metrics.PullRequests("opened", outcome.Created);
        metrics.PullRequests("updated", outcome.Updated);
        metrics.PullRequests("closed", outcome.Closed);
    }

    /// <summary>The failure kind label of an exception that stopped one repository.</summary>
    public static string FailureKind(Exception e) => e switch
    {
        CodeHostException { Kind: CodeHostErrorKind.RateLimited } => "rate-limit",
        CodeHostException => "code-host",
        WorkspaceException => "git",
        RegistryException => "registry",
        BuildHostException => "build-host",
        IOException or UnauthorizedAccessException => "file",
        _ => "internal",
    };
}

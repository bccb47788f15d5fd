using RefreshBot.Application.Refresh.History;
using RefreshBot.Application.Refresh.Planning;
using RefreshBot.Application.Refresh.Reporting;
using RefreshBot.Domain.Dockerfiles;
using RefreshBot.Domain.Proposals.Dashboard;

namespace RefreshBot.Application.Refresh.DashboardIssue;

/// <summary>A run's outcome and the open proposals the history knows, as the dashboard's sections.</summary>
public static class DashboardContents
{
    public static DashboardContent Of(RepositoryOutcome outcome, IReadOnlyList<RecordedProposal> open)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(open);
        var pending = outcome.LeftAlone
            .Where(l => l.Kind == LeftAloneKind.Pending)
            .Select(l => new DashboardPending(l.Dockerfile, l.Line, l.Reference, l.Reason, l.SoakingUntil))
            .Distinct()
            .ToList();
        var openItems = open.Where(p => p.Open).Select(p => new DashboardOpen(p.Number, p.Title, p.Url, p.Branch)).ToList();
        var declined = outcome.Groups
            .SelectMany(g => g.Declined)
            .Select(d => new DashboardDeclined(d.Target.Dockerfile, d.Target.Image, d.Target.Tag, d.Target.ToDigest, d.Number, d.Url))
            .Distinct()
            .ToList();
        return new DashboardContent(pending, openItems, declined, Failures(outcome), outcome.Status == RepositoryStatus.Succeeded);
    }

    private static List<DashboardFailure> Failures(RepositoryOutcome outcome)
    {
        var failed = new List<DashboardFailure>();
        if (outcome.Status == RepositoryStatus.Failed)
        {
            failed.Add(new DashboardFailure(null, "the run failed: " + (outcome.Reason ?? "no reason given")));
        }

        failed.AddRange(outcome.Diagnostics
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .Select(d => new DashboardFailure($"{d.Path}:{d.Line}", d.Message)));
        failed.AddRange(outcome.LeftAlone
            .Where(l => l.Kind == LeftAloneKind.Failed)
            .Select(l => new DashboardFailure($"{l.Dockerfile}:{l.Line}", l.Reference is null ? l.Reason : $"{l.Reference}: {l.Reason}")));
        failed.AddRange(outcome.Groups
            .Where(g => g.BuildFailure is not null)
            .Select(g => new DashboardFailure(g.Number is { } n ? $"{g.Branch} (#{n})" : g.Branch, "the new image does not build: " + g.BuildFailure)));
        return [.. failed.Distinct()];
    }
}

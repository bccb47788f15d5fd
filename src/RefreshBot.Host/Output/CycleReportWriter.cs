using RefreshBot.Application.Refresh.Reporting;

namespace RefreshBot.Host.Output;

/// <summary>
/// The summary of <c>refreshbot run</c>: a table per repository, each group's action, what was left alone, the notices
/// about the repository's own settings file (keys ignored, or errors that made the run use the fleet settings), failures.
/// </summary>
public static class CycleReportWriter
{
    public static async Task WriteAsync(CycleReport report, TextWriter output, CancellationToken cancellationToken)
    {
        var w = new StringWriter();
        w.WriteLine(report.DryRun
            ? "Dry run: nothing was committed, pushed or written; these are the actions a run would take."
            : "Refresh cycle done.");
        w.WriteLine();
        var width = Math.Max(10, report.Repositories.Select(r => r.Repository.Length).DefaultIfEmpty(0).Max());
        w.WriteLine($"{"REPOSITORY".PadRight(width)}  STATUS  CREATED  UPDATED  UNCHANGED  SKIPPED  CLOSED");
        foreach (var r in report.Repositories)
        {
            w.WriteLine($"{r.Repository.PadRight(width)}  {(r.Status == RepositoryStatus.Succeeded ? "ok" : "FAILED"),-6}  {r.Created,7}  {r.Updated,7}  {r.Unchanged,9}  {r.Skipped,7}  {r.Closed,6}");
        }

        foreach (var r in report.Repositories.Where(r => r.Groups.Count > 0 || r.LeftAlone.Count > 0 || r.Notices.Count > 0))
        {
            w.WriteLine();
            w.WriteLine(r.Repository + ":");
            foreach (var notice in r.Notices)
            {
                w.WriteLine($"  settings file: {notice}");
            }

            foreach (var g in r.Groups)
            {
                var action = report.DryRun ? "would " + g.Action : g.Action;
                w.WriteLine($"  {action,-26} {g.Branch}  {(g.Number is { } n ? "#" + n : "")} {g.Title}".TrimEnd());
                if (g.Url is not null)
                {
                    w.WriteLine($"  {"",-26} {g.Url}");
                }

                if (g.BuildFailure is { } failure)
                {
                    w.WriteLine($"  {"",-26} {(g.Draft ? "opened as a draft: " : "")}new image does not build: {failure}");
                }
            }

            foreach (var left in r.LeftAlone)
            {
                w.WriteLine($"  left alone: {left.Dockerfile}:{left.Line} {left.Reference} ({left.Reason})");
            }
        }

        var failed = report.Repositories.Where(r => r.Status == RepositoryStatus.Failed).ToList();
        if (failed.Count > 0)
        {
            w.WriteLine();
            w.WriteLine($"{failed.Count} of {report.Repositories.Count} repositories failed (the others ran; the next run retries them):");
            foreach (var r in failed)
            {
                w.WriteLine($"  {r.Repository}: {r.Reason}");
            }
        }

        await output.WriteAsync(w.ToString().AsMemory(), cancellationToken).ConfigureAwait(false);
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}

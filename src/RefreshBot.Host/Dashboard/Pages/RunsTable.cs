using System.Globalization;
using System.Text;
using RefreshBot.Application.Refresh.History;
using static RefreshBot.Host.Dashboard.Pages.Markup;

namespace RefreshBot.Host.Dashboard.Pages;

/// <summary>A table of runs (the repository page's recent runs, the run log): when, how long, outcome and reasons.</summary>
internal static class RunsTable
{
    public static void Write(StringBuilder b, string id, IReadOnlyList<RecordedRun> runs, bool withRepository)
    {
        b.Line($"<div class=\"scroll\"><table id=\"{E(id)}\"><thead><tr><th class=\"num\">Run</th>{(withRepository ? "<th>Repository</th>" : string.Empty)}"
            + "<th>Started</th><th class=\"num\">Duration</th><th>Outcome</th><th>Reasons</th></tr></thead><tbody>");
        foreach (var run in runs)
        {
            var outcome = run.Outcome?.ToString() ?? (run.Finished is null ? "Running" : "Unknown");
            b.Append(CultureInfo.InvariantCulture, $"<tr data-outcome=\"{E(outcome.ToLowerInvariant())}\"><td class=\"num\">{run.Id}</td>");
            if (withRepository)
            {
                b.Append($"<td><a href=\"{E(DashboardPaths.Repository(run.Repository))}\">{E(run.Repository)}</a></td>");
            }

            b.Append($"<td class=\"when\">{E(Time(run.Started))}</td><td class=\"num\">{E(Duration(run.Started, run.Finished))}</td>")
                .Append($"<td class=\"outcome-{E(outcome)}\">{E(outcome.ToLowerInvariant())}</td><td class=\"reason\">{E(run.Reason)}</td>")
                .Line("</tr>");
        }

        if (runs.Count == 0)
        {
            b.Line($"<tr><td colspan=\"{(withRepository ? 6 : 5)}\" class=\"muted\">No run recorded.</td></tr>");
        }

        b.Line("</tbody></table></div>");
    }
}

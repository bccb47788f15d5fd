using System.Text;
using RefreshBot.Application.Refresh.History;
using static RefreshBot.Host.Dashboard.Pages.Markup;

namespace RefreshBot.Host.Dashboard.Pages;

/// <summary><c>/dashboard/runs</c>: the newest runs across the fleet, optionally of one outcome (<c>?outcome=failed</c>).</summary>
internal static class RunLogPage
{
    public const int Limit = 200;

    /// <summary>The outcome of <c>?outcome=</c> (succeeded, failed, interrupted), or null for every run.</summary>
    public static RunOutcome? ParseOutcome(string? text) =>
        Enum.GetValues<RunOutcome>().Cast<RunOutcome?>().FirstOrDefault(o => o!.Value.ToString().Equals(text, StringComparison.OrdinalIgnoreCase));

    public static string Body(IReadOnlyList<RecordedRun> runs, RunOutcome? outcome)
    {
        var b = new StringBuilder();
        b.Line("<h1>Run log</h1>")
            .Line($"<form class=\"filter\" method=\"get\" action=\"{DashboardPaths.Runs}\"><select name=\"outcome\" id=\"filter-outcome\" aria-label=\"Outcome\">")
            .Line($"<option value=\"\">every outcome</option>");
        foreach (var o in Enum.GetValues<RunOutcome>())
        {
            var key = o.ToString().ToLowerInvariant();
            b.Line($"<option value=\"{key}\"{(o == outcome ? " selected" : string.Empty)}>{key}</option>");
        }

        b.Line($"</select><button type=\"submit\" id=\"filter-apply\">Filter</button><span class=\"muted\">the newest {Limit} runs</span></form>");
        RunsTable.Write(b, "runs", runs, withRepository: true);
        return b.ToString();
    }
}

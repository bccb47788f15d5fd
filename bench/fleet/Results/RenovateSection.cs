using System.Globalization;
using System.Text;

namespace RefreshBot.FleetBench.Results;

/// <summary>The Renovate comparison table and the ratios RefreshBot / Renovate (only when <c>--renovate</c> ran).</summary>
public static class RenovateSection
{
    public static void Render(StringBuilder text, BenchmarkResult result)
    {
        if (result.Renovate is not { } renovate)
        {
            return;
        }

        var fleet = result.Fleet.Repositories;
        var perRepository = renovate.PerRepository.Count == 0 ? 0 : renovate.TotalWallSeconds / renovate.PerRepository.Count;
        var requestsPerRepository = renovate.PerRepository.Count == 0 ? 0 : (double)renovate.TotalRequests / renovate.PerRepository.Count;
        var extrapolated = perRepository * fleet;
        var check = result.Runs[0];
        var whole = renovate.WholeFleet;
        text.AppendLine();
        text.AppendLine(Inv($"### Renovate {renovate.Version} (`--platform=local`, cold cache per process), same registry and proxy"));
        text.AppendLine();
        text.AppendLine("| Renovate | wall s | CPU s | peak RSS MB | requests | token | HEAD | GET manifest | GET blob | other | exit |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var run in renovate.PerRepository)
        {
            var r = run.Requests;
            text.AppendLine(Inv($"| {run.Folder} | {run.WallSeconds:F2} | {run.CpuSeconds:F2} | {run.PeakRssMegabytes:F1} | {r.Total} | {r.Token} | {r.HeadManifest} | {r.GetManifest} | {r.GetBlob} | {r.Other} | {run.ExitCode} |"));
        }

        var w = whole.Requests;
        text.AppendLine(Inv($"| one process in the fleet root | {whole.WallSeconds:F2} | {whole.CpuSeconds:F2} | {whole.PeakRssMegabytes:F1} | {w.Total} | {w.Token} | {w.HeadManifest} | {w.GetManifest} | {w.GetBlob} | {w.Other} | {whole.ExitCode} |"));
        text.AppendLine();
        text.AppendLine(Inv($"Per repository, one after another: {renovate.PerRepository.Count} of {fleet} repositories measured, mean {perRepository:F2} s and {requestsPerRepository:F1} requests each; for all {fleet}: {extrapolated:F1} s{(renovate.PerRepository.Count < fleet ? " (extrapolated)" : "")}, about {requestsPerRepository * fleet:F0} requests."));
        text.AppendLine();
        text.AppendLine("| ratio (Renovate / RefreshBot) | wall | peak memory | registry requests |");
        text.AppendLine("|---|---:|---:|---:|");
        text.AppendLine(Inv($"| per-repository Renovate vs `check` (run 1) | {Ratio(extrapolated, check.WallSeconds)} | {Ratio(renovate.MaxPeakRssMegabytes, check.PeakRssMegabytes)} | {Ratio(requestsPerRepository * fleet, check.Requests.Total)} |"));
        text.AppendLine(Inv($"| per-repository Renovate vs `run --once --dry-run` | {Ratio(extrapolated, result.Cycle.WallSeconds)} | {Ratio(renovate.MaxPeakRssMegabytes, result.Cycle.PeakRssMegabytes)} | {Ratio(requestsPerRepository * fleet, result.Cycle.Requests.Total)} |"));
        text.AppendLine(Inv($"| Renovate in the fleet root vs `check` (run 1) | {Ratio(whole.WallSeconds, check.WallSeconds)} | {Ratio(whole.PeakRssMegabytes, check.PeakRssMegabytes)} | {Ratio(w.Total, check.Requests.Total)} |"));
    }

    private static string Ratio(double renovate, double refreshbot) =>
        refreshbot <= 0 ? "–" : Inv($"{renovate / refreshbot:F1}×");

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

using System.Globalization;
using System.Text;
using RefreshBot.FleetBench.Measurement;

namespace RefreshBot.FleetBench.Results;

/// <summary>Renders a <see cref="BenchmarkResult"/> as Markdown (printed, and written next to the JSON).</summary>
public static class MarkdownReport
{
    private const int MaxTagRows = 15;

    public static string Render(BenchmarkResult result)
    {
        var fleet = result.Fleet;
        var text = new StringBuilder();
        text.AppendLine(Inv($"## Fleet benchmark: {fleet.Repositories} repos, {fleet.Dockerfiles} Dockerfiles"));
        text.AppendLine();
        text.AppendLine(Inv($"{result.At:yyyy-MM-dd HH:mm} UTC · {result.Machine.Cores} cores · {result.Machine.MemoryMegabytes} MB RAM · {result.Machine.Os} · {result.Machine.Runtime}"));
        text.AppendLine();
        text.AppendLine("| fleet | |");
        text.AppendLine("|---|---|");
        Row(text, "repositories / Dockerfiles", Inv($"{fleet.Repositories} / {fleet.Dockerfiles} (+{fleet.IgnoredDockerfiles} git-ignored, must be skipped)"));
        Row(text, "image references", Inv($"{fleet.ImageReferences}: {Join(fleet.ByInstruction)}"));
        Row(text, "written as", Join(fleet.ByForm));
        Row(text, "pins", Join(fleet.ByPin));
        Row(text, "platforms", Join(fleet.ByPlatform));
        Row(text, "registry content", Inv($"{fleet.Images} images, {fleet.ImageTags} image:tags; {fleet.UniqueImageTagsReferenced} image:tags referenced"));
        Row(text, "moved tags / index churn", Inv($"{string.Join(", ", fleet.MovedTags)} / {fleet.ChurnedTag}"));
        Row(text, "expected", Inv($"{Join(fleet.ExpectedStatuses)}; index churn flagged: {fleet.ExpectedIndexChurn}"));
        Row(text, "setup", Inv($"push {result.Setup.PushSeconds:F1} s, generate + git {result.Setup.GenerateSeconds:F1} s, move {result.Setup.MoveSeconds:F1} s"));
        text.AppendLine();
        text.AppendLine("| run | wall s | CPU s (user+sys) | peak RSS MB | requests | token | HEAD manifest (tag / digest) | GET manifest | GET blob | other | image:tags looked up | max tag HEADs per image:tag | mismatches | exit |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var run in result.Runs)
        {
            var r = run.Requests;
            text.AppendLine(Inv(
                $"| {run.Number} (cold process, {(run.Number == 1 ? "empty" : "warm")} cache) | {run.WallSeconds:F2} | {run.CpuSeconds:F2} ({run.UserSeconds:F2}+{run.SystemSeconds:F2}) | {run.PeakRssMegabytes:F1} | {r.Total} | {r.Token} | {r.HeadManifest} ({r.TagHeads} / {r.DigestHeads}) | {r.GetManifest} | {r.GetBlob} | {r.Other} | {r.ImageTagsLookedUp} | {r.MaxTagHeadsPerImageTag} | {run.Mismatches} | {run.ExitCode} |"));
        }

        foreach (var c in (IEnumerable<CycleResult>)[result.Cycle, .. result.LaterCycles])
        {
            var cr = c.Requests;
            text.AppendLine(Inv(
                $"| `run --once --dry-run` cycle {CycleName(c)}; git {c.GitClones} clones / {c.GitFetches} fetches | {c.WallSeconds:F2} | {c.CpuSeconds:F2} ({c.UserSeconds:F2}+{c.SystemSeconds:F2}) | {c.PeakRssMegabytes:F1} | {cr.Total} | {cr.Token} | {cr.HeadManifest} ({cr.TagHeads} / {cr.DigestHeads}) | {cr.GetManifest} | {cr.GetBlob} | {cr.Other} | {cr.ImageTagsLookedUp} | {cr.MaxTagHeadsPerImageTag} | – | {c.ExitCode} |"));
        }

        text.AppendLine(Inv(
            $"| baseline: `check` of an empty folder | {result.Baseline.WallSeconds:F2} | {result.Baseline.CpuSeconds:F2} | {result.Baseline.PeakRssMegabytes:F1} | 0 | | | | | | | | | |"));
        text.AppendLine();
        var first = result.Runs[0];
        text.AppendLine(Inv($"Reported statuses (run 1): {Join(first.ReportedStatuses)}; index churn flagged: {first.IndexChurnFlagged}."));
        text.AppendLine(Inv($"Most requests in flight at once at the proxy (all runs): {result.MaxRequestsInFlight}."));
        text.AppendLine();
        text.AppendLine("Image:tags that cost more than one request (run 1; the rest cost exactly one HEAD):");
        text.AppendLine();
        text.AppendLine("| image:tag | change | tag HEAD | digest HEAD | GET manifest | cycle: tag HEAD / digest HEAD / GET |");
        text.AppendLine("|---|---|---:|---:|---:|---|");
        var inCycle = result.Cycle.Requests.PerImageTag.ToDictionary(t => t.ImageTag, StringComparer.Ordinal);
        var costly = first.Requests.PerImageTag.Where(t => t.Total > 1)
            .OrderByDescending(t => t.Total).ThenBy(t => t.ImageTag, StringComparer.Ordinal).ToList();
        foreach (var tag in costly.Take(MaxTagRows))
        {
            var cycleTag = inCycle.GetValueOrDefault(tag.ImageTag);
            text.AppendLine(Inv($"| {tag.ImageTag} | {tag.Change} | {tag.TagHeads} | {tag.DigestHeads} | {tag.Gets} | {cycleTag?.TagHeads ?? 0} / {cycleTag?.DigestHeads ?? 0} / {cycleTag?.Gets ?? 0} |"));
        }

        if (costly.Count > MaxTagRows)
        {
            text.AppendLine(Inv($"| … {costly.Count - MaxTagRows} more (see the results JSON) | | | | | |"));
        }

        RenovateSection.Render(text, result);
        text.AppendLine();
        text.AppendLine(result.Passed
            ? "Result: PASS (every check and the cycle exited 0, 0 mismatches, one tag HEAD per referenced image:tag)."
            : "Result: FAIL (see mismatches / exit codes above).");
        foreach (var mismatch in result.Runs.SelectMany(r => r.FirstMismatches.Select(m => $"- run {r.Number}: {m}")))
        {
            text.AppendLine(mismatch);
        }

        return text.ToString();
    }

    private static void Row(StringBuilder text, string name, string value) => text.AppendLine($"| {name} | {value} |");

    private static string Join(IReadOnlyDictionary<string, int> counts) =>
        string.Join(", ", counts.Select(c => Inv($"{c.Key} {c.Value}")));

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string CycleName(CycleResult cycle) => cycle.Label switch
    {
        "first" => "1 (cold process, empty cache and data folder)",
        "second" => "2 (same data folder, nothing moved)",
        "moved" => "3 (same data folder, more tags moved)",
        _ => cycle.Label,
    };
}

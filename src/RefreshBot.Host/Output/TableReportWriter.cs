using System.Text;
using RefreshBot.Application.Check;
using RefreshBot.Domain.Detection;
using RefreshBot.Domain.References;

namespace RefreshBot.Host.Output;

/// <summary>
/// A readable, aligned table: one row per image use, then parser diagnostics, then a summary line.
/// Digests are shortened to 12 hex characters (use <c>--format json</c> for full values).
/// </summary>
public sealed class TableReportWriter : IReportWriter
{
    private static readonly string[] Headers = ["LOCATION", "INSTR", "REFERENCE", "PLATFORM", "STATUS", "CURRENT", "NOTE"];

    public async Task WriteAsync(CheckReport report, TextWriter output, CancellationToken cancellationToken)
    {
        var rows = report.Dockerfiles
            .SelectMany(d => d.Images.Select(i => Row(d.Path, i)))
            .ToList();
        var text = new StringBuilder();
        if (rows.Count > 0)
        {
            var widths = Enumerable.Range(0, Headers.Length - 1)
                .Select(c => rows.Select(r => r[c].Length).Append(Headers[c].Length).Max())
                .ToArray();
            AppendRow(text, Headers, widths);
            foreach (var row in rows)
            {
                AppendRow(text, row, widths);
            }
        }

        foreach (var dockerfile in report.Dockerfiles)
        {
            foreach (var diagnostic in dockerfile.Diagnostics)
            {
                text.Append(diagnostic.ToString()).AppendLine();
            }
        }

        text.AppendLine(Summary(report));
        await output.WriteAsync(text.ToString().AsMemory(), cancellationToken).ConfigureAwait(false);
    }

    public static string Summary(CheckReport report)
    {
        var images = report.Images.Count();
        return $"{report.Dockerfiles.Count} Dockerfile(s), {images} image reference(s): "
            + $"{report.Count(FreshnessStatus.Outdated)} outdated, {report.Count(FreshnessStatus.Unpinned)} unpinned, "
            + $"{report.Count(FreshnessStatus.UpToDate)} up-to-date, {report.Count(FreshnessStatus.Skipped)} skipped, "
            + $"{report.Count(FreshnessStatus.Error)} error(s)";
    }

    private static string[] Row(string path, ImageResult image)
    {
        var verdict = image.Freshness;
        var note = verdict.Reason ?? "";
        if (verdict.Status == FreshnessStatus.Outdated && verdict.PinnedDigest is { } pinned)
        {
            note = $"pinned {Short(pinned)}" + (note.Length > 0 ? "; " + note : "");
        }

        if (image.DriftedFrom is { } from)
        {
            var drift = $"drifted from {ShortText(from.Digest)} (first seen {from.FirstSeen.UtcDateTime:yyyy-MM-dd HH:mm}Z)";
            note = note.Length > 0 ? note + "; " + drift : drift;
        }

        return
        [
            $"{path}:{image.Line}",
            ReportNames.Instruction(image.Instruction),
            image.Reference ?? "-",
            image.Platform ?? "-",
            ReportNames.Status(verdict.Status),
            verdict.CurrentDigest is { } current ? Short(current) : "-",
            note,
        ];
    }

    private static string Short(Digest digest) =>
        digest.Algorithm + ":" + (digest.Encoded.Length > 12 ? digest.Encoded[..12] : digest.Encoded);

    private static string ShortText(string digest) =>
        Digest.TryParse(digest, out var parsed, out _) ? Short(parsed) : digest;

    private static void AppendRow(StringBuilder text, IReadOnlyList<string> cells, int[] widths)
    {
        var line = new StringBuilder();
        for (var c = 0; c < cells.Count; c++)
        {
            line.Append(c < widths.Length ? cells[c].PadRight(widths[c] + 2) : cells[c]);
        }

        text.AppendLine(line.ToString().TrimEnd());
    }
}

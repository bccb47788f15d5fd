using System.Globalization;
using System.Text;
using RefreshBot.Domain.Proposals;
using RefreshBot.Domain.Vulnerabilities.Severity;

namespace RefreshBot.Domain.Vulnerabilities.Delta;

/// <summary>
/// The pull request's "Build and scan" section: a build line, a one-line vulnerability summary
/// ("fixes 3 critical, 5 high; introduces none"), the package diff (inside <c>&lt;details&gt;</c> when longer than
/// <see cref="CollapseAbove"/> rows), then tables of fixed, introduced and (collapsed) remaining advisories,
/// ids linked to osv.dev. Deterministic: the same inputs give the same bytes.
/// </summary>
public static class ScanDeltaMarkdown
{
    public const int CollapseAbove = 10;

    private static readonly SeverityLevel[] Levels = Enum.GetValues<SeverityLevel>();

    /// <param name="delta">Null when no scan ran (e.g. the build failed); <paramref name="notes"/> says why or what was not read.</param>
    public static BuildScanSection Render(BuildSummary build, ScanDelta? delta, IReadOnlyList<string>? notes = null)
    {
        var b = new StringBuilder();
        b.Append("**Build:** ").Append(BuildLine(build)).Append('\n');
        if (delta is not null)
        {
            b.Append("**Vulnerabilities:** ").Append(Summary(delta)).Append('\n');
        }

        foreach (var note in notes ?? [])
        {
            b.Append("\n> ").Append(MarkdownText.Plain(note)).Append('\n');
        }

        if (delta is not null)
        {
            Packages(b, delta.Packages);
            Advisories(b, "Fixed", delta.Fixed, collapse: false, fixedTable: true);
            Advisories(b, "Newly present", delta.Introduced, collapse: false, fixedTable: false);
            Advisories(b, "Still present", delta.Remaining, collapse: true, fixedTable: false);
        }

        return new BuildScanSection(b.ToString().TrimEnd() + "\n");
    }

    /// <summary>"fixes 3 critical, 5 high; introduces none" (+ "; 2 still present" when any remain).</summary>
    public static string Summary(ScanDelta delta)
    {
        var text = $"fixes {Counts(delta.Fixed)}; introduces {Counts(delta.Introduced)}";
        return delta.Remaining.Count == 0 ? text : $"{text}; {delta.Remaining.Count} still present ({Counts(delta.Remaining)})";
    }

    private static string BuildLine(BuildSummary build)
    {
        var line = new StringBuilder(build.Succeeded ? "✓ built in " : "✗ failed after ").Append(Duration(build.Duration));
        if (build.OldImageSize is not null || build.NewImageSize is not null)
        {
            line.Append(" · image size ").Append(Size(build.OldImageSize)).Append(" → ").Append(Size(build.NewImageSize));
            if (build.OldImageSize is { } o && build.NewImageSize is { } n)
            {
                line.Append(" (").Append(n >= o ? "+" : "−").Append(Size(Math.Abs(n - o))).Append(')');
            }
        }

        return line.ToString();
    }

    private static string Counts(IReadOnlyList<VulnerabilityChange> changes)
    {
        var parts = Levels
            .Select(level => (level, count: changes.Count(c => c.Severity == level)))
            .Where(x => x.count > 0)
            .Select(x => $"{x.count} {x.level.ToString().ToLowerInvariant()}")
            .ToList();
        return parts.Count == 0 ? "none" : string.Join(", ", parts);
    }

    private static void Packages(StringBuilder b, IReadOnlyList<PackageChange> changes)
    {
        b.Append("\n### Packages\n\n");
        if (changes.Count == 0)
        {
            b.Append("No installed OS package changed.\n");
            return;
        }

        var table = new StringBuilder("| Package | Old | New | Change |\n| --- | --- | --- | --- |\n");
        foreach (var c in changes)
        {
            table.Append("| ").Append(MarkdownText.Code(c.Name))
                 .Append(" | ").Append(c.OldVersion is null ? "—" : MarkdownText.Code(c.OldVersion))
                 .Append(" | ").Append(c.NewVersion is null ? "—" : MarkdownText.Code(c.NewVersion))
                 .Append(" | ").Append(c.Kind.ToString().ToLowerInvariant()).Append(" |\n");
        }

        var counts = string.Join(", ", Enum.GetValues<PackageChangeKind>()
            .Select(k => (k, n: changes.Count(c => c.Kind == k)))
            .Where(x => x.n > 0)
            .Select(x => $"{x.n} {x.k.ToString().ToLowerInvariant()}"));
        Collapsible(b, changes.Count > CollapseAbove, $"{changes.Count} packages changed ({counts})", table.ToString());
    }

    private static void Advisories(StringBuilder b, string title, IReadOnlyList<VulnerabilityChange> changes, bool collapse, bool fixedTable)
    {
        if (changes.Count == 0)
        {
            return;
        }

        b.Append("\n### ").Append(title).Append(" (").Append(changes.Count.ToString(CultureInfo.InvariantCulture)).Append(")\n\n");
        var table = new StringBuilder(fixedTable
            ? "| Severity | Advisory | CVE | Package | Old version |\n| --- | --- | --- | --- | --- |\n"
            : "| Severity | Advisory | CVE | Package | Version | Fixed in |\n| --- | --- | --- | --- | --- | --- |\n");
        foreach (var change in changes)
        {
            foreach (var finding in change.Findings)
            {
                table.Append("| ").Append(finding.Severity.ToString().ToLowerInvariant())
                     .Append(" | [").Append(MarkdownText.Plain(finding.Id)).Append("](").Append(finding.Url).Append(')')
                     .Append(" | ").Append(finding.Aliases.Count == 0 ? "—" : string.Join(", ", finding.Aliases.Select(MarkdownText.Plain)))
                     .Append(" | ").Append(MarkdownText.Code(finding.Package))
                     .Append(" | ").Append(MarkdownText.Code(finding.InstalledVersion));
                if (!fixedTable)
                {
                    table.Append(" | ").Append(finding.FixedVersion is null ? "not fixed yet" : MarkdownText.Code(finding.FixedVersion));
                }

                table.Append(" |\n");
            }
        }

        Collapsible(b, collapse, changes.Count == 1 ? "1 advisory still affects the new image" : $"{changes.Count} advisories still affect the new image", table.ToString());
    }

    private static void Collapsible(StringBuilder b, bool collapse, string summary, string content)
    {
        if (collapse)
        {
            b.Append("<details>\n<summary>").Append(MarkdownText.Plain(summary)).Append("</summary>\n\n").Append(content).Append("\n</details>\n");
        }
        else
        {
            b.Append(content);
        }
    }

    private static string Duration(TimeSpan d)
        => d.TotalHours >= 1 ? $"{(int)d.TotalHours}h {d.Minutes}m"
            : d.TotalMinutes >= 1 ? $"{d.Minutes}m {d.Seconds}s"
            : d.TotalSeconds >= 10 ? $"{(int)d.TotalSeconds}s"
            : string.Create(CultureInfo.InvariantCulture, $"{d.TotalSeconds:0.0}s");

    /// <summary>Decimal units, as <c>docker images</c> prints them.</summary>
    private static string Size(long? bytes)
    {
        if (bytes is not { } value)
        {
            return "unknown";
        }

        string[] units = ["B", "kB", "MB", "GB", "TB"];
        var size = (double)value;
        var unit = 0;
        while (size >= 1000 && unit < units.Length - 1)
        {
            size /= 1000;
            unit++;
        }

        return unit == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{value} B")
            : string.Create(CultureInfo.InvariantCulture, $"{size:0.0} {units[unit]}");
    }
}

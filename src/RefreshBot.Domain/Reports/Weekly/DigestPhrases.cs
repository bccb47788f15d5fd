using System.Globalization;
using RefreshBot.Domain.Vulnerabilities.Severity;

namespace RefreshBot.Domain.Reports.Weekly;

/// <summary>
/// The words and humanised figures every human-readable format of the weekly digest shares (Markdown, text, HTML), so
/// the formats say the same thing the same way. Invariant culture; deterministic.
/// </summary>
public static class DigestPhrases
{
    /// <summary>Shown where a figure does not exist (no lag, no PR, no data).</summary>
    public const string None = "—";

    /// <summary>A duration for people, truncated to its two largest units: "3 d 4 h", "5 h 12 min", "12 min", "&lt; 1 min".</summary>
    public static string Duration(TimeSpan duration)
    {
        if (duration < TimeSpan.FromMinutes(1))
        {
            return "< 1 min";
        }

        var days = (long)Math.Floor(duration.TotalDays);
        if (days > 0)
        {
            return duration.Hours == 0 ? Invariant($"{days} d") : Invariant($"{days} d {duration.Hours} h");
        }

        return duration.Hours > 0
            ? duration.Minutes == 0 ? Invariant($"{duration.Hours} h") : Invariant($"{duration.Hours} h {duration.Minutes} min")
            : Invariant($"{duration.Minutes} min");
    }

    /// <summary><see cref="Duration"/>, or <see cref="None"/> when there is no duration.</summary>
    public static string Lag(TimeSpan? lag) => lag is { } value ? Duration(value) : None;

    /// <summary>"9 of 12 (75%)"; a share that is not exactly 0 or 100% never rounds to either.</summary>
    public static string FullyFresh(FleetSummary fleet) =>
        Invariant($"{fleet.FullyFresh} of {fleet.RepositoriesTracked} ({Percent(fleet.FullyFresh, fleet.RepositoriesTracked)}%)");

    /// <summary>Whole percent of <paramref name="part"/> in <paramref name="whole"/>, kept off 0 and 100 unless exact.</summary>
    public static int Percent(int part, int whole)
    {
        if (whole <= 0 || part <= 0)
        {
            return 0;
        }

        if (part >= whole)
        {
            return 100;
        }

        var rounded = (int)Math.Round(100.0 * part / whole, MidpointRounding.AwayFromZero);
        return Math.Clamp(rounded, 1, 99);
    }

    /// <summary>"2 critical, 1 high" (non-zero severities, most severe first) or "none".</summary>
    public static string Counts(SeverityCounts counts)
    {
        var parts = new List<string>();
        void Add(int count, string name)
        {
            if (count > 0)
            {
                parts.Add(Invariant($"{count} {name}"));
            }
        }

        Add(counts.Critical, "critical");
        Add(counts.High, "high");
        Add(counts.Medium, "medium");
        Add(counts.Low, "low");
        Add(counts.Unknown, "unknown");
        return parts.Count == 0 ? "none" : string.Join(", ", parts);
    }

    /// <summary>✓ built, ✗ failed, – not built.</summary>
    public static string BuildMark(BuildStatus build) => build switch
    {
        BuildStatus.Succeeded => "✓",
        BuildStatus.Failed => "✗",
        _ => "–",
    };

    /// <summary>"built", "build failed", "not built".</summary>
    public static string BuildWords(BuildStatus build) => build switch
    {
        BuildStatus.Succeeded => "built",
        BuildStatus.Failed => "build failed",
        _ => "not built",
    };

    public static string Status(RepositoryStatus status) => status switch
    {
        RepositoryStatus.Fresh => "fresh",
        RepositoryStatus.Stale => "stale",
        RepositoryStatus.Failing => "failing",
        _ => "not run",
    };

    /// <summary>"23–29 Nov 2026" (the week's Monday to Sunday, UTC).</summary>
    public static string Period(IsoWeek week)
    {
        var first = week.Start.UtcDateTime;
        var last = week.End.UtcDateTime.AddDays(-1);
        var c = CultureInfo.InvariantCulture;
        if (first.Year != last.Year)
        {
            return $"{first.ToString("d MMM yyyy", c)} – {last.ToString("d MMM yyyy", c)}";
        }

        return first.Month == last.Month
            ? $"{first.ToString("%d", c)}–{last.ToString("d MMM yyyy", c)}"
            : $"{first.ToString("d MMM", c)} – {last.ToString("d MMM yyyy", c)}";
    }

    /// <summary>"2026-11-30 09:00 UTC".</summary>
    public static string Instant(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>"+3", "−2", "±0" (a change of a count against the previous week).</summary>
    public static string Change(int now, int before) =>
        now > before ? Invariant($"+{now - before}") : now < before ? Invariant($"−{before - now}") : "±0";

    /// <summary>"+1 d 2 h", "−5 h", "±0", or <see cref="None"/> when either lag is missing.</summary>
    public static string Change(TimeSpan? now, TimeSpan? before)
    {
        if (now is not { } n || before is not { } b)
        {
            return None;
        }

        return n == b ? "±0" : n > b ? "+" + Duration(n - b) : "−" + Duration(b - n);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

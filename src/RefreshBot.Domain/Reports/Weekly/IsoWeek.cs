using System.Globalization;

namespace RefreshBot.Domain.Reports.Weekly;

/// <summary>
/// An ISO 8601 week, e.g. <c>2026-W48</c>: Monday 00:00 to the next Monday 00:00, in UTC (the digest's weeks are UTC
/// weeks; only the job that publishes it runs in the configured time zone).
/// </summary>
public readonly record struct IsoWeek(int Year, int Week) : IComparable<IsoWeek>
{
    /// <summary>Monday 00:00 UTC.</summary>
    public DateTimeOffset Start => new(ISOWeek.ToDateTime(Year, Week, DayOfWeek.Monday), TimeSpan.Zero);

    /// <summary>The next Monday 00:00 UTC (exclusive).</summary>
    public DateTimeOffset End => Start.AddDays(7);

    public IsoWeek Previous => Of(Start.AddDays(-7));

    public IsoWeek Next => Of(End);

    /// <summary>The week <paramref name="instant"/> falls in (UTC).</summary>
    public static IsoWeek Of(DateTimeOffset instant)
    {
        var utc = instant.UtcDateTime;
        return new IsoWeek(ISOWeek.GetYear(utc), ISOWeek.GetWeekOfYear(utc));
    }

    /// <summary>Parses <c>YYYY-Www</c> (e.g. <c>2026-W48</c>; <c>2026-w48</c> too).</summary>
    public static bool TryParse(string? text, out IsoWeek week)
    {
        week = default;
        if (text is null || text.Length != 8 || text[4] != '-' || (text[5] != 'W' && text[5] != 'w')
            || !int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(text.AsSpan(6, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            || year < 1 || number < 1 || number > ISOWeek.GetWeeksInYear(year))
        {
            return false;
        }

        week = new IsoWeek(year, number);
        return true;
    }

    public static IsoWeek Parse(string text) =>
        TryParse(text, out var week) ? week : throw new FormatException($"'{text}' is not an ISO week like 2026-W48");

    public int CompareTo(IsoWeek other) => Year != other.Year ? Year.CompareTo(other.Year) : Week.CompareTo(other.Week);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-W{Week:D2}");
}

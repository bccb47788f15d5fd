using System.Globalization;

namespace RefreshBot.Domain.Proposals.Windows;

/// <summary>
/// When the bot may open new pull requests: on <see cref="Days"/>, from <see cref="From"/> to <see cref="To"/> wall-clock
/// time in <see cref="TimeZone"/>. <see cref="To"/> at or before <see cref="From"/> crosses midnight: the window then
/// belongs to the day it opens on (Fri 22:00–06:00 is open Friday night until Saturday 06:00). Pure: <c>now</c> is given.
/// </summary>
public sealed record ProposalWindow
{
    private static readonly DayOfWeek[] Week =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    /// <param name="days">Days the window opens on (at least one).</param>
    /// <param name="from">Opening time of day, 00:00 to 23:59.</param>
    /// <param name="to">Closing time of day, 00:01 to 24:00; at or before <paramref name="from"/>: the next day.</param>
    /// <param name="timeZone">Time zone of the wall-clock times.</param>
    public ProposalWindow(IEnumerable<DayOfWeek> days, TimeSpan from, TimeSpan to, TimeZoneInfo timeZone)
    {
        ArgumentNullException.ThrowIfNull(days);
        ArgumentNullException.ThrowIfNull(timeZone);
        Days = days.ToHashSet();
        if (Days.Count == 0)
        {
            throw new ArgumentException("A window needs at least one day.", nameof(days));
        }

        if (from < TimeSpan.Zero || from >= TimeSpan.FromDays(1))
        {
            throw new ArgumentOutOfRangeException(nameof(from), "Expected a time of day from 00:00 to 23:59.");
        }

        if (to <= TimeSpan.Zero || to > TimeSpan.FromDays(1) || to == from)
        {
            throw new ArgumentOutOfRangeException(nameof(to), "Expected a time of day from 00:01 to 24:00, other than the opening time.");
        }

        From = from;
        To = to;
        TimeZone = timeZone;
    }

    public IReadOnlySet<DayOfWeek> Days { get; }

    public TimeSpan From { get; }

    public TimeSpan To { get; }

    public TimeZoneInfo TimeZone { get; }

    /// <summary>Whether the window crosses midnight (closes on the day after it opens).</summary>
    public bool CrossesMidnight => To <= From;

    /// <summary>Whether new pull requests may be opened at <paramref name="now"/>.</summary>
    public bool IsOpen(DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now, TimeZone);
        var time = local.TimeOfDay;
        if (!CrossesMidnight)
        {
            return Days.Contains(local.DayOfWeek) && time >= From && time < To;
        }

        return (Days.Contains(local.DayOfWeek) && time >= From) || (Days.Contains(Previous(local.DayOfWeek)) && time < To);
    }

    /// <summary>
    /// The first instant at or after <paramref name="now"/> at which the window is open (<paramref name="now"/> itself
    /// when open). An opening time that a daylight-saving change skips opens at the first wall-clock time after the gap.
    /// </summary>
    public DateTimeOffset NextOpening(DateTimeOffset now)
    {
        if (IsOpen(now))
        {
            return now;
        }

        var today = TimeZoneInfo.ConvertTime(now, TimeZone).Date;
        for (var day = -1; day <= 8; day++)
        {
            var date = today.AddDays(day);
            if (!Days.Contains(date.DayOfWeek))
            {
                continue;
            }

            var opening = Instant(date + From);
            if (opening > now && IsOpen(opening))
            {
                return opening;
            }
        }

        throw new InvalidOperationException("A window with at least one day opens within a week.");
    }

    /// <summary><c>Mon–Fri 09:00–17:00 Europe/Berlin</c>.</summary>
    public string Describe() => $"{DescribeDays()} {Clock(From)}–{Clock(To)} {TimeZone.Id}";

    /// <summary><c>Mon 2026-11-30 09:00 +01:00</c>, in the window's time zone.</summary>
    public string DescribeInstant(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, TimeZone);
        return local.ToString("ddd yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture);
    }

    private DateTimeOffset Instant(DateTime local)
    {
        while (TimeZone.IsInvalidTime(local))
        {
            local = local.AddMinutes(1);
        }

        var offset = TimeZone.IsAmbiguousTime(local) ? TimeZone.GetAmbiguousTimeOffsets(local).Max() : TimeZone.GetUtcOffset(local);
        return new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), offset);
    }

    private string DescribeDays()
    {
        if (Days.Count == 7)
        {
            return "every day";
        }

        var runs = new List<string>();
        for (var i = 0; i < Week.Length; i++)
        {
            if (!Days.Contains(Week[i]))
            {
                continue;
            }

            var end = i;
            while (end + 1 < Week.Length && Days.Contains(Week[end + 1]))
            {
                end++;
            }

            runs.Add(end - i >= 2 ? $"{Short(Week[i])}–{Short(Week[end])}" : string.Join(", ", Week[i..(end + 1)].Select(Short)));
            i = end;
        }

        return string.Join(", ", runs);
    }

    private static string Short(DayOfWeek day) => CultureInfo.InvariantCulture.DateTimeFormat.GetAbbreviatedDayName(day);

    private static string Clock(TimeSpan time) =>
        string.Create(CultureInfo.InvariantCulture, $"{(int)time.TotalHours:00}:{time.Minutes:00}");

    private static DayOfWeek Previous(DayOfWeek day) => (DayOfWeek)(((int)day + 6) % 7);
}

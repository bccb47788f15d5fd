using RefreshBot.Domain.Proposals.Windows;

namespace RefreshBot.Domain.Tests.Proposals.Windows;

public sealed class ProposalWindowTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    private static readonly DayOfWeek[] Weekdays =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    private static ProposalWindow Office => new(Weekdays, TimeSpan.FromHours(9), TimeSpan.FromHours(17), Berlin);

    private static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2026-11-30T09:00:00+01:00", true)]   // Monday, opening minute
    [InlineData("2026-11-30T08:59:59+01:00", false)]
    [InlineData("2026-11-30T16:59:59+01:00", true)]
    [InlineData("2026-11-30T17:00:00+01:00", false)]  // closing time is outside
    [InlineData("2026-11-30T08:30:00+00:00", true)]   // 09:30 in Berlin, given in UTC
    [InlineData("2026-11-28T12:00:00+01:00", false)]  // Saturday
    [InlineData("2026-11-29T12:00:00+01:00", false)]  // Sunday
    [InlineData("2026-11-27T12:00:00+01:00", true)]   // Friday
    public void Office_hours_on_weekdays(string now, bool open) => Assert.Equal(open, Office.IsOpen(At(now)));

    [Theory]
    [InlineData("2026-11-27T22:00:00+01:00", true)]   // Friday night, opening
    [InlineData("2026-11-28T05:59:00+01:00", true)]   // Saturday morning still belongs to Friday's window
    [InlineData("2026-11-28T06:00:00+01:00", false)]
    [InlineData("2026-11-28T22:30:00+01:00", false)]  // Saturday night: Saturday is not a window day
    [InlineData("2026-11-30T03:00:00+01:00", false)]  // Monday early: Sunday is not a window day
    [InlineData("2026-11-30T23:00:00+01:00", true)]
    [InlineData("2026-11-27T21:59:00+01:00", false)]
    public void A_window_may_cross_midnight(string now, bool open)
    {
        var night = new ProposalWindow(Weekdays, TimeSpan.FromHours(22), TimeSpan.FromHours(6), Berlin);

        Assert.True(night.CrossesMidnight);
        Assert.Equal(open, night.IsOpen(At(now)));
    }

    [Fact]
    public void Wall_clock_times_hold_across_the_daylight_saving_change()
    {
        // 2026-03-29 (Sunday): Berlin goes from 02:00 +01:00 to 03:00 +02:00.
        var sunday = new ProposalWindow([DayOfWeek.Sunday], TimeSpan.FromHours(9), TimeSpan.FromHours(17), Berlin);

        Assert.True(sunday.IsOpen(At("2026-03-29T07:00:00Z")));   // 09:00 +02:00
        Assert.False(sunday.IsOpen(At("2026-03-29T06:59:00Z")));  // 08:59 +02:00 (would be 07:59 on +01:00)
        Assert.True(sunday.IsOpen(At("2026-03-29T14:59:00Z")));
        Assert.False(sunday.IsOpen(At("2026-03-29T15:00:00Z")));
        Assert.Equal(At("2026-03-29T07:00:00Z"), sunday.NextOpening(At("2026-03-28T12:00:00Z")));
    }

    [Fact]
    public void An_opening_time_the_clock_skips_opens_after_the_gap()
    {
        var early = new ProposalWindow([DayOfWeek.Sunday], new TimeSpan(2, 30, 0), new TimeSpan(4, 0, 0), Berlin);

        Assert.Equal(At("2026-03-29T03:00:00+02:00"), early.NextOpening(At("2026-03-29T00:00:00+01:00")));
        Assert.True(early.IsOpen(At("2026-03-29T03:00:00+02:00")));
    }

    [Theory]
    [InlineData("2026-11-27T17:00:00+01:00", "2026-11-30T09:00:00+01:00")]  // Friday evening → Monday
    [InlineData("2026-11-30T07:00:00+01:00", "2026-11-30T09:00:00+01:00")]  // Monday early → same day
    [InlineData("2026-11-30T10:00:00+01:00", "2026-11-30T10:00:00+01:00")]  // open: now
    [InlineData("2026-10-23T18:00:00+02:00", "2026-10-26T09:00:00+01:00")]  // over the autumn change
    public void Next_opening(string now, string next) => Assert.Equal(At(next), Office.NextOpening(At(now)));

    [Fact]
    public void Describes_itself_for_the_reason_text()
    {
        Assert.Equal("Mon–Fri 09:00–17:00 Europe/Berlin", Office.Describe());
        Assert.Equal("Mon 2026-11-30 09:00 +01:00", Office.DescribeInstant(At("2026-11-30T08:00:00Z")));
        var odd = new ProposalWindow([DayOfWeek.Sunday, DayOfWeek.Wednesday, DayOfWeek.Monday], TimeSpan.Zero, TimeSpan.FromDays(1), TimeZoneInfo.Utc);
        Assert.Equal("Mon, Wed, Sun 00:00–24:00 UTC", odd.Describe());
        Assert.True(odd.IsOpen(At("2026-11-30T23:59:59Z")));
        Assert.False(odd.IsOpen(At("2026-12-01T00:00:00Z")));
    }

    [Fact]
    public void Refuses_an_empty_or_zero_length_window()
    {
        Assert.Throws<ArgumentException>(() => new ProposalWindow([], TimeSpan.Zero, TimeSpan.FromHours(1), Berlin));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ProposalWindow(Weekdays, TimeSpan.FromHours(9), TimeSpan.FromHours(9), Berlin));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ProposalWindow(Weekdays, TimeSpan.FromDays(1), TimeSpan.FromHours(9), Berlin));
    }
}

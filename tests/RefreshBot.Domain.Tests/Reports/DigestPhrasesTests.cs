using RefreshBot.Domain.Reports.Weekly;

namespace RefreshBot.Domain.Tests.Reports;

public sealed class DigestPhrasesTests
{
    [Theory]
    [InlineData(0, "< 1 min")]
    [InlineData(59, "< 1 min")]
    [InlineData(60, "1 min")]
    [InlineData(5_400, "1 h 30 min")]
    [InlineData(7_200, "2 h")]
    [InlineData(7_259, "2 h")]
    [InlineData(259_200, "3 d")]
    [InlineData(273_600, "3 d 4 h")]
    [InlineData(93_784, "1 d 2 h")]
    [InlineData(3_600 * 24 * 400, "400 d")]
    public void Durations_are_humanised_to_their_two_largest_units(int seconds, string expected) =>
        Assert.Equal(expected, DigestPhrases.Duration(TimeSpan.FromSeconds(seconds)));

    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(0, 5, 0)]
    [InlineData(1, 4, 25)]
    [InlineData(2, 3, 67)]
    [InlineData(1, 200, 1)]
    [InlineData(199, 200, 99)]
    [InlineData(200, 200, 100)]
    public void Percent_is_never_rounded_to_0_or_100_unless_exact(int part, int whole, int expected) =>
        Assert.Equal(expected, DigestPhrases.Percent(part, whole));

    [Theory]
    [InlineData(2026, 48, "23–29 Nov 2026")]
    [InlineData(2026, 49, "30 Nov – 6 Dec 2026")]
    [InlineData(2026, 53, "28 Dec 2026 – 3 Jan 2027")]
    public void Periods_name_monday_to_sunday(int year, int week, string expected) =>
        Assert.Equal(expected, DigestPhrases.Period(new IsoWeek(year, week)));

    [Fact]
    public void Changes_are_signed()
    {
        Assert.Equal("+3", DigestPhrases.Change(5, 2));
        Assert.Equal("−2", DigestPhrases.Change(1, 3));
        Assert.Equal("±0", DigestPhrases.Change(4, 4));
        Assert.Equal("+17 h", DigestPhrases.Change(TimeSpan.FromHours(57), TimeSpan.FromHours(40)));
        Assert.Equal("−1 d 1 h", DigestPhrases.Change(TimeSpan.FromHours(30), TimeSpan.FromHours(55)));
        Assert.Equal(DigestPhrases.None, DigestPhrases.Change(null, TimeSpan.FromHours(1)));
    }
}

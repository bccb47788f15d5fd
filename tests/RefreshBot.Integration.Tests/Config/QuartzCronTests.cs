using RefreshBot.Host.Config;

namespace RefreshBot.Integration.Tests.Config;

public sealed class QuartzCronTests
{
    [Theory]
    [InlineData("0 0 6 ? * MON-FRI")]
    [InlineData("0 0/15 * * * ?")]
    [InlineData("0 0 12 L * ?")]
    [InlineData("0 15 10 ? * 6#3")]
    [InlineData("0 15 10 ? * 6L")]
    [InlineData("0 0 12 15W * ?")]
    [InlineData("0 0 6 ? jan-mar,DEC SUN 2030")]
    [InlineData("0  0   6 1 * ?")]
    [InlineData("0 0 6 ? * *")]
    public void Accepts_Quartz_expressions(string cron) =>
        Assert.True(QuartzCron.TryValidate(cron, out var error), error);

    [Theory]
    [InlineData("0 6 * * *", "got 5; a Unix cron")]
    [InlineData("0 0 6 ? * MON 2030 extra", "got 8")]
    [InlineData("0 0 6 ? * ?", "exactly one of the day-of-month and day-of-week")]
    [InlineData("0 0 6 1 * MON", "exactly one of the day-of-month and day-of-week")]
    [InlineData("x 0 6 ? * MON", "the seconds field 'x'")]
    [InlineData("0 0 6 ? JANUARY MON", "the month field 'JANUARY'")]
    [InlineData("0 0 6 ? * MONDAY", "the day-of-week field 'MONDAY'")]
    [InlineData("0 0 6 ? * MON 20x0", "the year field '20x0'")]
    public void Rejects_what_Quartz_would_reject(string cron, string expected)
    {
        Assert.False(QuartzCron.TryValidate(cron, out var error));
        Assert.Contains(expected, error);
    }
}

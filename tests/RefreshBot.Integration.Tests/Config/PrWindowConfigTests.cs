using RefreshBot.Host.Config;

namespace RefreshBot.Integration.Tests.Config;

/// <summary><c>policies.prWindow</c>: parsed, inherited from the defaults, replaced as a whole, and refused with line and column.</summary>
public sealed class PrWindowConfigTests : IDisposable
{
    private readonly ConfigFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void No_window_by_default()
    {
        var config = _folder.Load("github:\n  token: ${env:GITHUB_TOKEN}\nrepositories:\n  - github: octo-org/web-app\n");

        Assert.Null(config.Repositories[0].Policy.PrWindow);
    }

    [Fact]
    public void Window_from_the_defaults_and_a_repository_override()
    {
        var config = _folder.Load("""
            github:
              token: ${env:GITHUB_TOKEN}
            defaults:
              policies:
                prWindow: {days: [mon, tue, wed, thu, fri], from: "09:00", to: "17:00", timeZone: Europe/Berlin}
            repositories:
              - github: octo-org/web-app
              - github: octo-org/payments
                policies:
                  prWindow:
                    from: "22:00"
                    to: "06:00"
            """);

        var office = config.Repositories[0].Policy.PrWindow!;
        Assert.Equal("Mon–Fri 09:00–17:00 Europe/Berlin", office.Describe());
        Assert.True(office.IsOpen(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.FromHours(1))));

        var night = config.Repositories[1].Policy.PrWindow!;
        Assert.Equal("every day 22:00–06:00 UTC", night.Describe());
        Assert.True(night.CrossesMidnight);
    }

    [Theory]
    [InlineData("defaults:\n  policies:\n    prWindow: {days: [monday]}\n", 3, 23,
        "defaults.policies.prWindow.days entry: expected one of mon, tue, wed, thu, fri, sat, sun, got 'monday'")]
    [InlineData("defaults:\n  policies:\n    prWindow: {days: [mon, mon]}\n", 3, 28, "defaults.policies.prWindow.days: 'mon' is listed twice")]
    [InlineData("defaults:\n  policies:\n    prWindow: {days: []}\n", 3, 22,
        "defaults.policies.prWindow.days: expected at least one day (mon, tue, wed, thu, fri, sat, sun)")]
    [InlineData("defaults:\n  policies:\n    prWindow:\n      from: \"9:00\"\n", 4, 13,
        "defaults.policies.prWindow.from: expected a time such as 09:00 (00:00 to 23:59), got '9:00'")]
    [InlineData("defaults:\n  policies:\n    prWindow:\n      from: \"24:00\"\n", 4, 13,
        "defaults.policies.prWindow.from: expected a time such as 09:00 (00:00 to 23:59), got '24:00'")]
    [InlineData("defaults:\n  policies:\n    prWindow:\n      to: \"17:60\"\n", 4, 11,
        "defaults.policies.prWindow.to: expected a time such as 09:00 (00:00 to 24:00), got '17:60'")]
    [InlineData("defaults:\n  policies:\n    prWindow:\n      from: \"09:00\"\n      to: \"09:00\"\n", 5, 11,
        "defaults.policies.prWindow: 'from' and 'to' are the same time; leave both out for the whole day")]
    [InlineData("repositories:\n  - path: svc\n    policies:\n      prWindow:\n        timeZone: Mars/Olympus\n", 5, 19,
        "repositories[0].policies.prWindow.timeZone: unknown time zone 'Mars/Olympus': expected an IANA id such as Europe/Berlin or UTC")]
    public void Bad_windows_name_line_and_column(string yaml, int line, int column, string problem)
    {
        var error = Assert.Throws<ConfigException>(() => _folder.Load(yaml));

        Assert.Equal(problem, error.Problem);
        Assert.Equal((line, column), (error.Line, error.Column));
    }

    [Fact]
    public void An_unknown_window_key_is_refused()
    {
        var error = Assert.Throws<ConfigException>(() => _folder.Load("defaults:\n  policies:\n    prWindow:\n      weekdays: true\n"));

        Assert.Equal((4, 7), (error.Line, error.Column));
        Assert.Contains("weekdays", error.Problem, StringComparison.Ordinal);
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RefreshBot.Adapters.History;
using RefreshBot.Adapters.Reports.Pages;
using RefreshBot.Application.Refresh.History;
using RefreshBot.Application.Reporting.Publishing;
using RefreshBot.Domain.Reports.Weekly;
using RefreshBot.Host.Composition;
using RefreshBot.Host.Config;
using RefreshBot.Host.Service.Jobs;
using RefreshBot.Integration.Tests.Cli;
using RefreshBot.Testing.Mail;

namespace RefreshBot.Integration.Tests.Reports.Delivery;

/// <summary>
/// The weekly job's application-level method with the service's composition: a real SQLite history, the fake GitHub,
/// a real SMTP server and an HTML folder. One failing channel does not stop the others.
/// </summary>
public sealed class WeeklyDigestJobTests : DigestIssueFixture, IDisposable
{
    private static readonly IsoWeek W48 = new(2026, 48);
    private readonly GitFleet _fleet = new();

    public void Dispose() => _fleet.Dispose();

    [Fact]
    public async Task A_failing_channel_is_logged_with_its_reason_and_the_others_still_publish()
    {
        await using var smtp = await SmtpServer.StartAsync();
        var config = Config(smtp);
        await using var history = await HistoryStores.OpenAsync(config.Storage.Database, CancellationToken.None);
        await using var services = Compose(config, history);
        GitHub.Faults.ServerError(status: 503, method: "POST", pathContains: "/repos/acme/fleet/issues");

        var report = await services.GetRequiredService<WeeklyDigestJob>().PublishAsync(W48, CancellationToken.None);

        Assert.Equal(["github-issue", "email", "html"], report.Outcomes.Select(o => o.Channel));
        var failed = report.Outcomes[0];
        Assert.False(failed.Succeeded);
        Assert.StartsWith("POST /repos/acme/fleet/issues: 503", failed.Failure, StringComparison.Ordinal);
        Assert.True(report.Outcomes[1].Succeeded);
        Assert.True(report.Outcomes[2].Succeeded);
        Assert.Contains("Weekly digest 2026-W48: github-issue failed: POST /repos/acme/fleet/issues: 503", Logs.AllText, StringComparison.Ordinal);
        Assert.Empty(DigestIssues());

        var message = Assert.Single(await smtp.WaitForMessagesAsync(1));
        Assert.Equal("RefreshBot weekly digest 2026-W48: 0 of 2 repositories fresh, 0 open refresh PRs", message.Subject);
        var page = Path.Combine(_fleet.Root, "pages", DigestPageFolder.FileName(W48));
        Assert.Equal(report.Outcomes[2].Where, page);
        Assert.Contains("2026-W48", await File.ReadAllTextAsync(page), StringComparison.Ordinal);

        // The next run publishes the issue once, and the other channels again.
        var again = await services.GetRequiredService<WeeklyDigestJob>().PublishAsync(W48, CancellationToken.None);

        Assert.True(again.AllSucceeded, string.Join("; ", again.Outcomes.Select(o => o.Failure)));
        var issue = Assert.Single(DigestIssues());
        Assert.Equal("RefreshBot weekly digest 2026-W48", issue.Title);
        Assert.Contains("<!-- refreshbot:digest 2026-W48 -->", issue.Body, StringComparison.Ordinal);
        Assert.Equal(2, (await smtp.WaitForMessagesAsync(2)).Count);
        Assert.DoesNotContain(Token, Logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_service_composes_the_job_with_the_configured_channels()
    {
        await using var smtp = await SmtpServer.StartAsync();
        var config = Config(smtp);
        await using var history = await HistoryStores.OpenAsync(config.Storage.Database, CancellationToken.None);
        await using var app = Host.Service.WorkerService.Build(config, history, cacheFolder: null);

        var delivery = app.Services.GetRequiredService<DigestDelivery>();
        var job = app.Services.GetRequiredService<WeeklyDigestJob>();

        Assert.Equal(["github-issue", "email", "html"], delivery.Channels.Select(c => c.Name));
        var report = await job.PublishAsync(W48, CancellationToken.None);
        Assert.True(report.AllSucceeded, string.Join("; ", report.Outcomes.Select(o => o.Failure)));
        Assert.Single(DigestIssues());
    }

    [Theory]
    [InlineData("2026-11-30T09:00:00+01:00", "2026-W48")]   // Monday 09:00 in Berlin: the week that just ended
    [InlineData("2026-11-30T00:30:00+01:00", "2026-W47")]   // still Sunday in UTC: W48 is not over yet
    [InlineData("2026-12-02T15:00:00Z", "2026-W48")]        // a late firing on Wednesday still reports the last ended week
    [InlineData("2027-01-04T09:00:00Z", "2026-W53")]        // across the year end (2026 has 53 ISO weeks)
    public void The_job_reports_the_last_week_that_has_ended(string firedAt, string week) =>
        Assert.Equal(week, WeeklyDigestPublisher.LastEndedWeek(DateTimeOffset.Parse(firedAt, System.Globalization.CultureInfo.InvariantCulture)).ToString());

    private RefreshBotConfig Config(SmtpServer smtp)
    {
        _fleet.Repository("svc", ("Dockerfile", "FROM alpine:3.20\n"));
        _fleet.Repository("web", ("Dockerfile", "FROM nginx:1.27\n"));
        var yaml = $"""
            github:
              apiUrl: {GitHub.BaseUri}
              token: ${"{"}env:GITHUB_TOKEN{"}"}
            storage:
              dataDir: data
            repositories:
              - path: svc
              - path: web
            digest:
              github:
                repository: acme/fleet
              email:
                smtp: {"{"}host: 127.0.0.1, port: {smtp.Port}, security: none{"}"}
                from: RefreshBot <bot@example.test>
                to: [ops@example.test]
              html:
                dir: pages
            """;
        var environment = new Dictionary<string, string> { ["GITHUB_TOKEN"] = Token };
        return new ConfigLoader(new SecretSubstitution(environment.GetValueOrDefault, _fleet.Root)).Load("refreshbot.yaml", yaml);
    }

    private ServiceProvider Compose(RefreshBotConfig config, IHistoryStore history)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(Logs));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IRefreshHistory>(history);
        services.AddSingleton<IImageUsageIndex>(history);
        services.AddSingleton(new ServiceFleet(config));
        services.AddSingleton<RunningJobs>();
        services.AddRefreshBotDigest(config);
        services.AddTransient<WeeklyDigestJob>();
        return services.BuildServiceProvider();
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RefreshBot.Adapters.GitHub.Issues;
using RefreshBot.Adapters.Mail;
using RefreshBot.Adapters.Reports;
using RefreshBot.Adapters.Reports.Pages;
using RefreshBot.Application.Refresh.History;
using RefreshBot.Application.Reporting;
using RefreshBot.Application.Reporting.Publishing;
using RefreshBot.Host.Config;

namespace RefreshBot.Host.Composition;

/// <summary>
/// Composition of the weekly digest: the builder over the history (read only) and the channels of <c>digest:</c> —
/// GitHub issue, e-mail, HTML folder, in that order. Needs <see cref="IRefreshHistory"/>, <see cref="IImageUsageIndex"/>,
/// <see cref="TimeProvider"/> and logging registered.
/// </summary>
public static class DigestServices
{
    public static IServiceCollection AddRefreshBotDigest(this IServiceCollection services, RefreshBotConfig config)
    {
        var digest = config.Digest;
        services.AddSingleton(p => new WeeklyDigestBuilder(
            new ReadOnlyHistory(p.GetRequiredService<IRefreshHistory>()), p.GetRequiredService<IImageUsageIndex>()));
        if (digest.GitHub is { } issues && config.GitHub is { } github)
        {
            services.AddSingleton(p => new GitHubDigestIssues(
                RunServices.ToOptions(github), issues.Owner, issues.Name, p.GetRequiredService<ILoggerFactory>(), p.GetRequiredService<TimeProvider>()));
        }

        if (digest.Email is { } email)
        {
            services.AddSingleton<IDigestMail>(p => new SmtpDigestMail(
                email.ToOptions(), p.GetRequiredService<TimeProvider>(), p.GetRequiredService<ILogger<SmtpDigestMail>>()));
        }

        services.AddSingleton(p => new DigestDelivery(Channels(p, digest), p.GetRequiredService<ILogger<DigestDelivery>>()));
        services.AddSingleton<WeeklyDigestPublisher>();
        return services;
    }

    private static List<IDigestChannel> Channels(IServiceProvider services, DigestSettings digest)
    {
        var channels = new List<IDigestChannel>();
        if (digest.GitHub is { } issues)
        {
            channels.Add(new IssueDigestChannel(
                services.GetRequiredService<GitHubDigestIssues>(), issues.Labels, services.GetRequiredService<ILogger<IssueDigestChannel>>()));
        }

        if (digest.Email is { } email)
        {
            channels.Add(new MailDigestChannel(services.GetRequiredService<IDigestMail>(), WeeklyDigestHtml.Render, email.To));
        }

        if (digest.HtmlDir is { } folder)
        {
            channels.Add(new DigestPageFolder(folder, WeeklyDigestHtml.Render));
        }

        return channels;
    }
}

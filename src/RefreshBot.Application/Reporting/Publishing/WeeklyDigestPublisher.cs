using RefreshBot.Application.Fleet;
using RefreshBot.Domain.Reports.Weekly;

namespace RefreshBot.Application.Reporting.Publishing;

/// <summary>
/// Builds a week's digest and delivers it: what the weekly job does, and <c>refreshbot report --publish</c>.
/// The job reports <see cref="LastEndedWeek"/>: the most recent ISO week (UTC) that is over when it fires, i.e. on
/// Monday morning the week that just ended; <c>refreshbot report</c> defaults to the current week instead.
/// </summary>
public sealed class WeeklyDigestPublisher(WeeklyDigestBuilder builder, DigestDelivery delivery)
{
    /// <summary>The most recent ISO week that has fully ended at <paramref name="now"/>.</summary>
    public static IsoWeek LastEndedWeek(DateTimeOffset now) => IsoWeek.Of(now).Previous;

    public async Task<(WeeklyDigest Digest, DigestDeliveryReport Report)> PublishAsync(
        IsoWeek week, IReadOnlyList<TrackedRepository> repositories, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var digest = await builder.BuildAsync(week, repositories, now, cancellationToken).ConfigureAwait(false);
        var report = await delivery.PublishAsync(digest, cancellationToken).ConfigureAwait(false);
        return (digest, report);
    }
}

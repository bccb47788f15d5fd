using Microsoft.Extensions.Logging;
using RefreshBot.Domain.Reports.Weekly;

namespace RefreshBot.Application.Reporting.Publishing;

/// <summary>Publishes a digest to every configured channel; a failing channel is logged with its reason and never stops the others.</summary>
public sealed partial class DigestDelivery(IReadOnlyList<IDigestChannel> channels, ILogger<DigestDelivery> logger)
{
    public IReadOnlyList<IDigestChannel> Channels => channels;

    public async Task<DigestDeliveryReport> PublishAsync(WeeklyDigest digest, CancellationToken cancellationToken)
    {
        var outcomes = new List<ChannelOutcome>(channels.Count);
        foreach (var channel in channels)
        {
            try
            {
                var where = await channel.PublishAsync(digest, cancellationToken).ConfigureAwait(false);
                LogPublished(logger, digest.Week, channel.Name, where);
                outcomes.Add(new ChannelOutcome(channel.Name, where, null));
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogFailed(logger, digest.Week, channel.Name, e.Message);
                outcomes.Add(new ChannelOutcome(channel.Name, null, e.Message));
            }
        }

        return new DigestDeliveryReport(digest.Week, outcomes);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Weekly digest {Week} published to {Channel}: {Where}")]
    private static partial void LogPublished(ILogger logger, IsoWeek week, string channel, string where);

    [LoggerMessage(Level = LogLevel.Error, Message = "Weekly digest {Week}: {Channel} failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, IsoWeek week, string channel, string reason);
}

/// <summary>What each channel did with one digest.</summary>
public sealed record DigestDeliveryReport(IsoWeek Week, IReadOnlyList<ChannelOutcome> Outcomes)
{
    public bool AllSucceeded => Outcomes.All(o => o.Succeeded);
}

/// <param name="Where">Where it went (success).</param>
/// <param name="Failure">Why it failed (never a secret: channels' exceptions do not carry them).</param>
public sealed record ChannelOutcome(string Channel, string? Where, string? Failure)
{
    public bool Succeeded => Failure is null;
}

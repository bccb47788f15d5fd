using RefreshBot.Domain.Reports.Weekly;

namespace RefreshBot.Application.Reporting.Publishing;

/// <summary>One place the weekly digest goes (a GitHub issue, e-mail, an HTML folder). Each is independent: one
/// failing never stops the others (<see cref="DigestDelivery"/>).</summary>
public interface IDigestChannel
{
    /// <summary>Short name for logs and reports: <c>github-issue</c>, <c>email</c>, <c>html</c>.</summary>
    string Name { get; }

    /// <summary>Publishes <paramref name="digest"/>; returns where it went (an URL, a path, recipients).</summary>
    Task<string> PublishAsync(WeeklyDigest digest, CancellationToken cancellationToken);
}

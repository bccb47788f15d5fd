using System.Globalization;
using RefreshBot.Application.Fleet;
using RefreshBot.Domain.Proposals;
using RefreshBot.Domain.References;

namespace RefreshBot.Application.Refresh.Planning;

/// <summary>
/// The soak period: a digest is proposed only after the bot has seen it for the policy's period, by its own recorded
/// first-seen time (so it works with every registry). Deterministic: <c>now</c> is given.
/// </summary>
public static class SoakPeriod
{
    /// <summary>
    /// Why <paramref name="reference"/>'s new digest still soaks (<c>soaking: first seen 3h ago, proposed after 24h</c>),
    /// or null when it may be proposed. A digest never recorded counts as first seen <paramref name="now"/>.
    /// </summary>
    public static string? Remaining(RefreshPolicy policy, ImageReference reference, DateTimeOffset? firstSeen, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(reference);
        var soak = policy.SoakOf(reference.Name, reference.FamiliarName);
        if (soak <= TimeSpan.Zero)
        {
            return null;
        }

        var age = now - (firstSeen ?? now);
        return age >= soak ? null : $"soaking: first seen {Format(age)} ago, proposed after {Format(soak)}";
    }

    /// <summary>
    /// Branches to keep exactly as they are: those with an open proposal that a soaking update would go to. Their
    /// open pull request (for an older digest) stays until the new digest is old enough, rather than being closed as
    /// obsolete or rewritten without it; other updates of the same group wait with it.
    /// </summary>
    public static IReadOnlySet<string> HeldBranches(ProposalGrouping grouping, IReadOnlyList<ProposedUpdate> soaking, IEnumerable<string> openBranches)
    {
        var open = openBranches.ToHashSet(StringComparer.Ordinal);
        return soaking.Select(u => ProposalGroups.GroupOf(grouping, u).Branch).Where(open.Contains).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary><c>45s</c>, <c>12m</c>, <c>3h</c>, <c>3h 20m</c>.</summary>
    public static string Format(TimeSpan span)
    {
        if (span < TimeSpan.FromMinutes(1))
        {
            return ((long)Math.Max(0, span.TotalSeconds)).ToString(CultureInfo.InvariantCulture) + "s";
        }

        var hours = (long)span.TotalHours;
        var minutes = span.Minutes;
        return hours == 0 ? minutes.ToString(CultureInfo.InvariantCulture) + "m"
            : minutes == 0 ? hours.ToString(CultureInfo.InvariantCulture) + "h"
            : string.Create(CultureInfo.InvariantCulture, $"{hours}h {minutes}m");
    }
}

using RefreshBot.Application.Fleet;
using RefreshBot.Application.Refresh.Publishing;

namespace RefreshBot.Application.Refresh.Planning;

/// <summary>
/// The PR window (<see cref="RefreshPolicy.PrWindow"/>): outside it, groups without an open proposal wait (nothing is
/// pushed, no pull request is created) and their updates are reported as left alone; groups with an open proposal are
/// still settled, since keeping an open pull request correct is not noise. Deterministic: <c>now</c> is given.
/// </summary>
public static class PrWindowGate
{
    public static (IReadOnlyList<GroupWork> Proceed, IReadOnlyList<LeftAlone> Waiting) Apply(
        RefreshPolicy policy, IReadOnlyList<GroupWork> groups, IEnumerable<string> openBranches, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(groups);
        if (policy.PrWindow is not { } window || window.IsOpen(now))
        {
            return (groups, []);
        }

        var open = openBranches.ToHashSet(StringComparer.Ordinal);
        var reason = $"outside the PR window ({window.Describe()}); next opening {window.DescribeInstant(window.NextOpening(now))}";
        var waiting = groups
            .Where(g => !open.Contains(g.Group.Branch))
            .SelectMany(g => g.Updates)
            .Select(u => new LeftAlone(u.Update.Dockerfile, u.Edit.Use.Line, u.Edit.Use.Reference, reason))
            .ToList();
        return (groups.Where(g => open.Contains(g.Group.Branch)).ToList(), waiting);
    }
}

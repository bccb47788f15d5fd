using RefreshBot.Domain.Versions;
using RefreshBot.Domain.Vulnerabilities.Osv;

namespace RefreshBot.Domain.Vulnerabilities.Matching;

/// <summary>Whether a version is affected, and the first fixed version above it when one is known.</summary>
/// <param name="Evaluable">False when a version involved is not valid for the ordering (the entry cannot be judged).</param>
public sealed record RangeVerdict(bool Affected, string? FixedVersion, bool Evaluable = true);

/// <summary>
/// OSV's affected-version semantics (osv-schema "Evaluation"): a version is affected when it is listed in
/// <c>versions</c>, or when, in some ECOSYSTEM/SEMVER range, walking the events sorted by version the last one that
/// applies is an <c>introduced</c> ≤ v (<c>"0"</c> is below everything), not a <c>fixed</c> ≤ v or a
/// <c>last_affected</c> &lt; v; and, when the range has <c>limit</c> events, v is below one of them
/// (<c>"*"</c> is unbounded). GIT ranges never match a package version.
/// </summary>
public static class RangeEvaluation
{
    private static readonly RangeVerdict NotAffected = new(false, null);
    private static readonly RangeVerdict AffectedNoFix = new(true, null);
    private static readonly RangeVerdict NotEvaluable = new(false, null, Evaluable: false);

    public static RangeVerdict Evaluate(OsvAffected affected, string version, IVersionOrdering ordering)
    {
        var listed = Lists(affected.Versions, version);
        var evaluable = true;
        string? fixedVersion = null;
        var inRange = false;
        foreach (var range in affected.Ranges)
        {
            var rangeOrdering = range.Type switch
            {
                OsvRangeType.Ecosystem => ordering,
                OsvRangeType.Semver => SemverOrdering.Instance,
                _ => null,
            };
            if (rangeOrdering is null)
            {
                continue;
            }

            var verdict = Evaluate(range, version, rangeOrdering);
            evaluable &= verdict.Evaluable;
            if (verdict.Affected)
            {
                inRange = true;
                fixedVersion = Lower(fixedVersion, verdict.FixedVersion, rangeOrdering);
            }
        }

        return Verdict(listed || inRange, fixedVersion, evaluable || listed);
    }

    /// <summary>One range, by the algorithm above.</summary>
    public static RangeVerdict Evaluate(OsvRange range, string version, IVersionOrdering ordering)
    {
        var events = range.Events;
        if (!ordering.IsValid(version) || !AllValid(events, ordering))
        {
            return NotEvaluable;
        }

        var affected = false;
        string? fixedVersion = null;
        var sorted = SortedEvents(events, ordering);
        for (var k = 0; k < sorted.Count; k++)
        {
            var e = sorted[k];
            switch (e.Kind)
            {
                case OsvEventKind.Limit:
                    break;
                case OsvEventKind.Introduced when IsBound(e) || Compare(version, e.Version, ordering) >= 0:
                    affected = true;
                    fixedVersion = null;
                    break;
                case OsvEventKind.Fixed when Compare(version, e.Version, ordering) >= 0:
                    affected = false;
                    break;
                case OsvEventKind.Fixed when affected && fixedVersion is null:
                    fixedVersion = e.Version;
                    break;
                case OsvEventKind.LastAffected when Compare(version, e.Version, ordering) > 0:
                    affected = false;
                    break;
            }
        }

        if (affected && !BelowSomeLimit(events, version, ordering))
        {
            affected = false;
        }

        return affected ? Verdict(true, fixedVersion, true) : NotAffected;
    }

    private static RangeVerdict Verdict(bool affected, string? fixedVersion, bool evaluable)
        => fixedVersion is not null && affected ? new RangeVerdict(true, fixedVersion, evaluable)
            : !evaluable ? new RangeVerdict(affected, null, false)
            : affected ? AffectedNoFix : NotAffected;

    private static bool Lists(IReadOnlyList<string> versions, string version)
    {
        for (var k = 0; k < versions.Count; k++)
        {
            if (string.Equals(versions[k], version, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static bool AllValid(IReadOnlyList<OsvEvent> events, IVersionOrdering ordering)
    {
        for (var k = 0; k < events.Count; k++)
        {
            if (!IsBound(events[k]) && !ordering.IsValid(events[k].Version))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when the range has no <c>limit</c> events, or <paramref name="version"/> is below one of them.</summary>
    private static bool BelowSomeLimit(IReadOnlyList<OsvEvent> events, string version, IVersionOrdering ordering)
    {
        var anyLimit = false;
        for (var k = 0; k < events.Count; k++)
        {
            var e = events[k];
            if (e.Kind != OsvEventKind.Limit)
            {
                continue;
            }

            if (IsBound(e) || Compare(version, e.Version, ordering) < 0)
            {
                return true;
            }

            anyLimit = true;
        }

        return !anyLimit;
    }

    /// <summary>
    /// The events in version order (stable; limits are skipped by the caller): the list itself when already ordered,
    /// as OSV data almost always is, else a sorted copy.
    /// </summary>
    private static IReadOnlyList<OsvEvent> SortedEvents(IReadOnlyList<OsvEvent> events, IVersionOrdering ordering)
    {
        OsvEvent? previous = null;
        var ordered = true;
        for (var k = 0; k < events.Count && ordered; k++)
        {
            if (events[k].Kind == OsvEventKind.Limit)
            {
                continue;
            }

            ordered = previous is null || CompareEvents(previous, events[k], ordering) <= 0;
            previous = events[k];
        }

        if (ordered)
        {
            return events;
        }

        var copy = new List<OsvEvent>(events.Count);
        foreach (var e in events)
        {
            if (e.Kind == OsvEventKind.Limit)
            {
                continue;
            }

            // Stable insertion: after every event that does not sort above it.
            var at = copy.Count;
            while (at > 0 && CompareEvents(copy[at - 1], e, ordering) > 0)
            {
                at--;
            }

            copy.Insert(at, e);
        }

        return copy;
    }

    /// <summary><c>introduced: "0"</c> (below everything) and <c>limit: "*"</c> (above everything) are not versions.</summary>
    private static bool IsBound(OsvEvent e)
        => (e.Kind == OsvEventKind.Introduced && e.Version == "0") || (e.Kind == OsvEventKind.Limit && e.Version == "*");

    private static int CompareEvents(OsvEvent a, OsvEvent b, IVersionOrdering ordering)
    {
        var aZero = IsBound(a);
        var bZero = IsBound(b);
        return aZero || bZero ? (aZero == bZero ? 0 : aZero ? -1 : 1) : Compare(a.Version, b.Version, ordering);
    }

    private static int Compare(string a, string b, IVersionOrdering ordering)
        => ordering.TryCompare(a, b, out var result) ? result : 0;

    private static string? Lower(string? current, string? candidate, IVersionOrdering ordering)
        => current is null ? candidate
            : candidate is null ? current
            : Compare(candidate, current, ordering) < 0 ? candidate : current;
}

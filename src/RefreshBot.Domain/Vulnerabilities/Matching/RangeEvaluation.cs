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
    public static RangeVerdict Evaluate(OsvAffected affected, string version, IVersionOrdering ordering)
    {
        var listed = affected.Versions.Contains(version, StringComparer.Ordinal);
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

        return new RangeVerdict(listed || inRange, fixedVersion, evaluable || listed);
    }

    /// <summary>One range, by the algorithm above.</summary>
    public static RangeVerdict Evaluate(OsvRange range, string version, IVersionOrdering ordering)
    {
        if (!ordering.IsValid(version)
            || range.Events.Any(e => !IsBound(e) && !ordering.IsValid(e.Version)))
        {
            return new RangeVerdict(false, null, Evaluable: false);
        }

        var sorted = range.Events.Where(e => e.Kind != OsvEventKind.Limit)
            .OrderBy(e => e, Comparer<OsvEvent>.Create((a, b) => CompareEvents(a, b, ordering)))
            .ToList();
        var affected = false;
        string? fixedVersion = null;
        foreach (var e in sorted)
        {
            switch (e.Kind)
            {
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

        var limits = range.Events.Where(e => e.Kind == OsvEventKind.Limit).ToList();
        if (affected && limits.Count > 0 && !limits.Any(l => IsBound(l) || Compare(version, l.Version, ordering) < 0))
        {
            affected = false;
        }

        return new RangeVerdict(affected, affected ? fixedVersion : null);
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

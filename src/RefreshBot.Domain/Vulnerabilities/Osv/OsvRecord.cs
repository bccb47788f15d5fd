namespace RefreshBot.Domain.Vulnerabilities.Osv;

/// <summary>
/// One OSV record (https://ossf.github.io/osv-schema/), reduced to what matching and reporting need.
/// </summary>
/// <param name="Id">e.g. <c>DSA-3029-1</c>, <c>ALPINE-CVE-2025-26519</c>, <c>UBUNTU-CVE-2025-38094</c>.</param>
/// <param name="Aliases"><c>aliases</c> (the same vulnerability elsewhere).</param>
/// <param name="Upstream"><c>upstream</c> (what this record derives from; Debian and Alpine put the CVE id here).</param>
/// <param name="Severity">Record-level <c>severity[]</c>.</param>
/// <param name="SeverityLabel">Record-level <c>database_specific.severity</c> (e.g. GitHub's <c>CRITICAL</c>), or null.</param>
public sealed record OsvRecord(
    string Id,
    IReadOnlyList<string> Aliases,
    IReadOnlyList<string> Upstream,
    DateTimeOffset? Modified,
    DateTimeOffset? Published,
    DateTimeOffset? Withdrawn,
    string? Summary,
    IReadOnlyList<OsvSeverity> Severity,
    string? SeverityLabel,
    IReadOnlyList<OsvAffected> Affected)
{
    /// <summary>The CVE ids this record is about: its id when a CVE, then CVE ids among aliases and upstream, sorted.</summary>
    public IReadOnlyList<string> CveIds { get; } = CollectCves(Id, Aliases, Upstream);

    private static string[] CollectCves(string id, IReadOnlyList<string> aliases, IReadOnlyList<string> upstream)
    {
        var cves = new List<string>(1 + aliases.Count + upstream.Count);
        AddCve(cves, id);
        foreach (var alias in aliases)
        {
            AddCve(cves, alias);
        }

        foreach (var name in upstream)
        {
            AddCve(cves, name);
        }

        cves.Sort(StringComparer.Ordinal);
        return cves.ToArray();
    }

    private static void AddCve(List<string> cves, string name)
    {
        if (name.StartsWith("CVE-", StringComparison.Ordinal) && !cves.Contains(name))
        {
            cves.Add(name);
        }
    }
}

/// <summary>A <c>severity[]</c> entry: <c>type</c> (<c>CVSS_V3</c>, <c>CVSS_V4</c>, <c>Ubuntu</c>…) and <c>score</c> (a vector or a label).</summary>
public sealed record OsvSeverity(string Type, string Score);

/// <summary><c>affected[].package</c>.</summary>
public sealed record OsvPackage(string Ecosystem, string Name, string? Purl);

/// <summary>One <c>affected[]</c> entry.</summary>
/// <param name="Package">Null when the entry names no package (e.g. a GIT-only entry).</param>
/// <param name="Versions">The explicit <c>versions</c> list: each is affected, whatever the ranges say.</param>
/// <param name="Severity"><c>affected[].severity[]</c> (schema 1.5+).</param>
/// <param name="SeverityLabel">The distro's own label from <c>ecosystem_specific</c> or <c>database_specific</c>
/// (<c>severity</c> or <c>urgency</c>), or null.</param>
public sealed record OsvAffected(
    OsvPackage? Package,
    IReadOnlyList<OsvRange> Ranges,
    IReadOnlyList<string> Versions,
    IReadOnlyList<OsvSeverity> Severity,
    string? SeverityLabel);

/// <summary>How a range's versions are ordered.</summary>
public enum OsvRangeType
{
    /// <summary>The ecosystem's own ordering (dpkg, apk, rpm).</summary>
    Ecosystem,

    /// <summary>Semantic Versioning 2.0.</summary>
    Semver,

    /// <summary>Git commits: not evaluable against package versions.</summary>
    Git,
}

/// <summary>A <c>ranges[]</c> entry.</summary>
public sealed record OsvRange(OsvRangeType Type, IReadOnlyList<OsvEvent> Events);

/// <summary>The kind of a range event.</summary>
public enum OsvEventKind
{
    Introduced,
    Fixed,
    LastAffected,
    Limit,
}

/// <summary>One range event; <c>introduced: "0"</c> means "from the beginning".</summary>
public sealed record OsvEvent(OsvEventKind Kind, string Version);

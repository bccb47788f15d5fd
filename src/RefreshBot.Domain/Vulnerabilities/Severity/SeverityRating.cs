using RefreshBot.Domain.Vulnerabilities.Osv;

namespace RefreshBot.Domain.Vulnerabilities.Severity;

/// <summary>
/// Normalises an OSV record's severity for one affected package. Precedence, first that yields a level wins:
/// <list type="number">
/// <item>the distro's own label for this package: <c>affected[].ecosystem_specific</c>/<c>database_specific</c>
/// <c>severity</c> or <c>urgency</c>, then an <c>affected[].severity[]</c> entry of a label type (e.g. <c>Ubuntu</c>);</item>
/// <item>a record-level label: a <c>severity[]</c> entry of a label type (Ubuntu puts <c>{"type":"Ubuntu","score":"medium"}</c>
/// there), then <c>database_specific.severity</c>;</item>
/// <item>the highest CVSS v3 base score among the affected entry's and the record's vectors, computed from the vector;</item>
/// <item>otherwise unknown (e.g. only CVSS v2/v4 vectors, or nothing: Debian's DSA/DLA and Alpine's records carry none).</item>
/// </list>
/// The distro's label wins because it rates the package as the distro ships it; a CVSS vector rates the upstream flaw.
/// Labels that say nothing (<c>untriaged</c>, <c>not yet assigned</c>) fall through.
/// </summary>
public static class SeverityRating
{
    /// <summary>The level for <paramref name="affected"/> of <paramref name="record"/> (null: the record as a whole).</summary>
    public static SeverityLevel For(OsvRecord record, OsvAffected? affected)
    {
        if (affected is not null)
        {
            if (FromLabel(affected.SeverityLabel) is { } own)
            {
                return own;
            }

            if (FromLabels(affected.Severity) is { } ownTyped)
            {
                return ownTyped;
            }
        }

        if (FromLabels(record.Severity) is { } recordLabel)
        {
            return recordLabel;
        }

        if (FromLabel(record.SeverityLabel) is { } database)
        {
            return database;
        }

        var highest = HighestCvssV3(record.Severity, HighestCvssV3(affected?.Severity, double.NaN));
        return double.IsNaN(highest) ? SeverityLevel.Unknown : new CvssV3("", highest).Level;
    }

    /// <summary>The highest of <paramref name="highest"/> and the base scores of the CVSS v3 vectors that parse (NaN: none yet).</summary>
    private static double HighestCvssV3(IReadOnlyList<OsvSeverity>? severities, double highest)
    {
        if (severities is null)
        {
            return highest;
        }

        for (var k = 0; k < severities.Count; k++)
        {
            if (severities[k].Type is "CVSS_V3" && CvssV3.TryParse(severities[k].Score, out var cvss)
                && (double.IsNaN(highest) || cvss.BaseScore > highest))
            {
                highest = cvss.BaseScore;
            }
        }

        return highest;
    }

    /// <summary>Maps a distro or database label (<c>critical</c>, <c>important</c>, <c>moderate</c>, <c>negligible</c>…).</summary>
    public static SeverityLevel? FromLabel(string? label) => label?.Trim().ToLowerInvariant() switch
    {
        "critical" => SeverityLevel.Critical,
        "high" or "important" => SeverityLevel.High,
        "medium" or "moderate" => SeverityLevel.Medium,
        "low" or "negligible" or "unimportant" => SeverityLevel.Low,
        _ => null,
    };

    private static SeverityLevel? FromLabels(IReadOnlyList<OsvSeverity> severities)
    {
        for (var k = 0; k < severities.Count; k++)
        {
            if (!severities[k].Type.StartsWith("CVSS", StringComparison.Ordinal) && FromLabel(severities[k].Score) is { } level)
            {
                return level;
            }
        }

        return null;
    }
}

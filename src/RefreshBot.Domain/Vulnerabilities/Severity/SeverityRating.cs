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

        var vectors = (affected?.Severity ?? []).Concat(record.Severity)
            .Where(s => s.Type is "CVSS_V3")
            .Select(s => CvssV3.TryParse(s.Score, out var cvss) ? cvss.BaseScore : (double?)null)
            .Where(score => score is not null)
            .ToList();
        return vectors.Count == 0
            ? SeverityLevel.Unknown
            : new CvssV3("", vectors.Max()!.Value).Level;
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

    private static SeverityLevel? FromLabels(IEnumerable<OsvSeverity> severities)
        => severities.Where(s => !s.Type.StartsWith("CVSS", StringComparison.Ordinal))
            .Select(s => FromLabel(s.Score))
            .FirstOrDefault(level => level is not null);
}

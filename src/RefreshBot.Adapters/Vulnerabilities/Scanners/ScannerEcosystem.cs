using RefreshBot.Domain.Packages;
using RefreshBot.Domain.Vulnerabilities.Ecosystems;

namespace RefreshBot.Adapters.Vulnerabilities.Scanners;

/// <summary>The ecosystem label of a scanner's distro (<c>debian</c> + <c>10.1</c> → <c>Debian:10</c>), as the OSV sources name it.</summary>
internal static class ScannerEcosystem
{
    public static string Name(string? family, string? version)
    {
        if (string.IsNullOrWhiteSpace(family))
        {
            return "unknown";
        }

        var id = family.Trim().ToLowerInvariant();
        var release = id == "debian" && version?.Split('.')[0] is { Length: > 0 } major ? major : version;
        return OsEcosystem.TryFromOsRelease(new OsRelease(id, release, null, [], null), out var ecosystem, out _)
            ? ecosystem.Name
            : version is null ? id : $"{id}:{version}";
    }

    /// <summary>Trivy and Grype severities (Grype's <c>Negligible</c> counts as low).</summary>
    public static Domain.Vulnerabilities.Severity.SeverityLevel Severity(string? text) => text?.Trim().ToUpperInvariant() switch
    {
        "CRITICAL" => Domain.Vulnerabilities.Severity.SeverityLevel.Critical,
        "HIGH" => Domain.Vulnerabilities.Severity.SeverityLevel.High,
        "MEDIUM" => Domain.Vulnerabilities.Severity.SeverityLevel.Medium,
        "LOW" or "NEGLIGIBLE" => Domain.Vulnerabilities.Severity.SeverityLevel.Low,
        _ => Domain.Vulnerabilities.Severity.SeverityLevel.Unknown,
    };
}

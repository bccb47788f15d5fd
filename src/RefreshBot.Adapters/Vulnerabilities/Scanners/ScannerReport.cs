using System.Text.Json;
using RefreshBot.Application.Evaluation.Ports;
using RefreshBot.Domain.Vulnerabilities.Matching;
using RefreshBot.Domain.Vulnerabilities.Severity;

namespace RefreshBot.Adapters.Vulnerabilities.Scanners;

/// <summary>
/// Reads a scanner's JSON report into findings: OS packages only (Trivy class <c>os-pkgs</c>; Grype artifacts of type
/// deb/apk/rpm), one finding per advisory, source package and installed version, with the binary packages that carry it
/// (as the OSV sources report them). A report that is not the expected JSON throws <see cref="VulnerabilitySourceException"/>.
/// </summary>
public static class ScannerReport
{
    private static readonly HashSet<string> OsArtifactTypes = new(StringComparer.Ordinal) { "deb", "apk", "rpm" };

    public static IReadOnlyList<VulnerabilityFinding> Parse(ScannerKind kind, ReadOnlyMemory<byte> json, string origin)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new VulnerabilitySourceException(VulnerabilitySourceErrorKind.Invalid, origin, "the report is not a JSON object");
            }

            var findings = new Findings();
            if (kind == ScannerKind.Trivy)
            {
                ReadTrivy(document.RootElement, findings);
            }
            else
            {
                ReadGrype(document.RootElement, findings);
            }

            return findings.Sorted();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException)
        {
            throw new VulnerabilitySourceException(VulnerabilitySourceErrorKind.Invalid, origin, $"not a {kind} JSON report: {e.Message}", e);
        }
    }

    private static void ReadTrivy(JsonElement root, Findings findings)
    {
        var os = root.TryGetProperty("Metadata", out var metadata) && metadata.TryGetProperty("OS", out var o) ? o : default;
        var ecosystem = ScannerEcosystem.Name(Text(os, "Family"), Text(os, "Name"));
        foreach (var result in Array(root, "Results"))
        {
            if (Text(result, "Class") != "os-pkgs")
            {
                continue;
            }

            foreach (var v in Array(result, "Vulnerabilities"))
            {
                var id = Required(v, "VulnerabilityID");
                var binary = Required(v, "PkgName");
                findings.Add(
                    id, Cves([id]), Text(v, "SrcName") ?? binary, Required(v, "InstalledVersion"), Text(v, "FixedVersion"),
                    ScannerEcosystem.Severity(Text(v, "Severity")), ecosystem, binary, Text(v, "Title"));
            }
        }
    }

    private static void ReadGrype(JsonElement root, Findings findings)
    {
        var distro = root.TryGetProperty("distro", out var d) ? d : default;
        var ecosystem = ScannerEcosystem.Name(Text(distro, "name"), Text(distro, "version"));
        foreach (var match in Array(root, "matches"))
        {
            var artifact = match.GetProperty("artifact");
            if (Text(artifact, "type") is not { } type || !OsArtifactTypes.Contains(type))
            {
                continue;
            }

            var vulnerability = match.GetProperty("vulnerability");
            var id = Required(vulnerability, "id");
            var related = Array(match, "relatedVulnerabilities").Select(r => Text(r, "id")).OfType<string>();
            var binary = Required(artifact, "name");
            var source = Array(artifact, "upstreams").Select(u => Text(u, "name")).OfType<string>().FirstOrDefault();
            var fixes = vulnerability.TryGetProperty("fix", out var fix) ? Array(fix, "versions").Select(f => f.GetString()).OfType<string>().ToList() : [];
            var suggested = Array(match, "matchDetails")
                .Select(m => m.TryGetProperty("fix", out var f) ? Text(f, "suggestedVersion") : null).OfType<string>().FirstOrDefault();
            findings.Add(
                id, Cves([id, .. related]), source ?? binary, Required(artifact, "version"), suggested ?? fixes.FirstOrDefault(),
                ScannerEcosystem.Severity(Text(vulnerability, "severity")), ecosystem, binary, Text(vulnerability, "description"));
        }
    }

    private static List<string> Cves(IEnumerable<string> ids)
        => ids.Where(i => i.StartsWith("CVE-", StringComparison.Ordinal)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    private static IEnumerable<JsonElement> Array(JsonElement element, string name)
        => element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array
            ? array.EnumerateArray()
            : [];

    private static string? Text(JsonElement element, string name)
        => element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : null;

    private static string Required(JsonElement element, string name)
        => Text(element, name) ?? throw new JsonException($"'{name}' missing or empty");

    /// <summary>Groups per (advisory, source package, installed version), merging binary packages.</summary>
    private sealed class Findings
    {
        private readonly Dictionary<(string, string, string), (VulnerabilityFinding Finding, SortedSet<string> Binaries)> _items = [];

        public void Add(
            string id, List<string> aliases, string package, string installed, string? fixedVersion, SeverityLevel severity,
            string ecosystem, string binary, string? summary)
        {
            var key = (id, package, installed);
            if (!_items.TryGetValue(key, out var item))
            {
                item = (new VulnerabilityFinding(id, aliases, package, installed, fixedVersion, severity, ecosystem, [], summary),
                    new SortedSet<string>(StringComparer.Ordinal));
                _items[key] = item;
            }

            item.Binaries.Add(binary);
        }

        public IReadOnlyList<VulnerabilityFinding> Sorted()
            => VulnerabilityMatcher.Sorted(_items.Values.Select(i => i.Finding with { BinaryPackages = i.Binaries.ToList() }));
    }
}

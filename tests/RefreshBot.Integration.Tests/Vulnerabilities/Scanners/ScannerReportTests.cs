using RefreshBot.Adapters.Vulnerabilities.Scanners;
using RefreshBot.Application.Evaluation.Ports;
using RefreshBot.Domain.Vulnerabilities.Severity;

namespace RefreshBot.Integration.Tests.Vulnerabilities.Scanners;

/// <summary>Reading the scanners' own golden outputs (copied from their repositories) into findings.</summary>
public sealed class ScannerReportTests
{
    [Fact]
    public void Trivy_debian_report_gives_the_advisory_with_fix_severity_and_ecosystem()
    {
        var findings = ScannerReport.Parse(ScannerKind.Trivy, ScannerSamples.Bytes("trivy-debian-buster-ignore-unfixed.json"), "trivy");

        var finding = Assert.Single(findings);
        Assert.Equal(("CVE-2019-18224", "libidn2-0", "2.0.5-1", "2.0.5-1+deb10u1"), (finding.Id, finding.Package, finding.InstalledVersion, finding.FixedVersion));
        Assert.Equal(SeverityLevel.Critical, finding.Severity);
        Assert.Equal("Debian:10", finding.Ecosystem);
        Assert.Equal(["CVE-2019-18224"], finding.Aliases);
        Assert.Equal(["libidn2-0"], finding.BinaryPackages);
        Assert.StartsWith("libidn2: heap-based buffer overflow", finding.Summary);
    }

    [Fact]
    public void Trivy_alpine_report_keeps_one_finding_per_advisory_and_package_in_report_order()
    {
        var findings = ScannerReport.Parse(ScannerKind.Trivy, ScannerSamples.Bytes("trivy-alpine-310.json"), "trivy");

        Assert.Equal(
            [("CVE-2019-1549", "libcrypto1.1", "1.1.1d-r0"), ("CVE-2019-1549", "libssl1.1", "1.1.1d-r0"),
             ("CVE-2019-1551", "libcrypto1.1", "1.1.1d-r2"), ("CVE-2019-1551", "libssl1.1", "1.1.1d-r2")],
            findings.Select(f => (f.Id, f.Package, f.FixedVersion!)));
        Assert.All(findings, f => Assert.Equal((SeverityLevel.Medium, "Alpine:v3.10", "1.1.1c-r0"), (f.Severity, f.Ecosystem, f.InstalledVersion)));
    }

    [Fact]
    public void Grype_report_gives_critical_first_with_suggested_fix_and_unmapped_distro()
    {
        var findings = ScannerReport.Parse(ScannerKind.Grype, ScannerSamples.Bytes("grype-image.json"), "grype");

        Assert.Equal(2, findings.Count);
        Assert.Equal(("CVE-1999-0002", "package-2", "2.2.2", null, SeverityLevel.Critical),
            (findings[0].Id, findings[0].Package, findings[0].InstalledVersion, findings[0].FixedVersion, findings[0].Severity));
        Assert.Equal(("CVE-1999-0001", "package-1", "1.1.1", "1.2.1", SeverityLevel.Low),
            (findings[1].Id, findings[1].Package, findings[1].InstalledVersion, findings[1].FixedVersion, findings[1].Severity));
        Assert.All(findings, f => Assert.Equal("centos:8.0", f.Ecosystem));
        Assert.Equal(["CVE-1999-0001"], findings[1].Aliases);
    }

    [Theory]
    [InlineData(ScannerKind.Trivy, "[]")]
    [InlineData(ScannerKind.Trivy, "{\"Results\":[{\"Class\":\"os-pkgs\",\"Vulnerabilities\":[{\"PkgName\":\"x\"}]}]}")]
    [InlineData(ScannerKind.Grype, "{\"matches\":[{\"vulnerability\":{\"id\":\"CVE-1\"}}]}")]
    [InlineData(ScannerKind.Grype, "{\"matches\": [")]
    public void Something_else_than_a_report_is_an_invalid_source_error(ScannerKind kind, string json)
    {
        var error = Assert.Throws<VulnerabilitySourceException>(() => ScannerReport.Parse(kind, System.Text.Encoding.UTF8.GetBytes(json), "scanner"));

        Assert.Equal(VulnerabilitySourceErrorKind.Invalid, error.Kind);
        Assert.StartsWith("scanner: ", error.Message);
    }
}

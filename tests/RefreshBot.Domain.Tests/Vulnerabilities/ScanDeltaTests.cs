using System.Runtime.CompilerServices;
using RefreshBot.Domain.Packages;
using RefreshBot.Domain.Vulnerabilities.Delta;
using RefreshBot.Domain.Vulnerabilities.Matching;
using RefreshBot.Domain.Vulnerabilities.Severity;

namespace RefreshBot.Domain.Tests.Vulnerabilities;

public sealed class ScanDeltaTests
{
    private static readonly PackageInventory Old = Inventory(
        Pkg("libssl3", "3.0.11-1~deb12u1", "openssl", null),
        Pkg("openssl", "3.0.11-1~deb12u1"),
        Pkg("tzdata", "2024a-0+deb12u1"),
        Pkg("curl", "7.88.1-10+deb12u5"),
        Pkg("libgcc-s1", "12.2.0-14", arch: "amd64"),
        Pkg("libgcc-s1", "12.2.0-14", arch: "i386"),
        Pkg("oldlib", "1.0-1"),
        Pkg("weird", "2.0-1"));

    private static readonly PackageInventory New = Inventory(
        Pkg("libssl3", "3.0.13-1~deb12u1", "openssl", null),
        Pkg("openssl", "3.0.13-1~deb12u1"),
        Pkg("tzdata", "2024a-0+deb12u1"),
        Pkg("curl", "7.88.1-10+deb12u4"),
        Pkg("libgcc-s1", "12.2.0-14+b1", arch: "amd64"),
        Pkg("libgcc-s1", "12.2.0-14", arch: "i386"),
        Pkg("newlib", "0.9-2"),
        Pkg("weird", "2.0-r1", format: PackageFormat.Apk));

    private static readonly VulnerabilityFinding[] OldFindings =
    [
        Finding("DSA-5678-1", ["CVE-2024-0727", "CVE-2024-2511"], "openssl", "3.0.11-1~deb12u1", "3.0.13-1~deb12u1", SeverityLevel.High),
        Finding("DEBIAN-CVE-2024-0001", ["CVE-2024-0001"], "openssl", "3.0.11-1~deb12u1", "3.0.13-1~deb12u1", SeverityLevel.Critical),
        Finding("DEBIAN-CVE-2023-1111", ["CVE-2023-1111"], "tzdata", "2024a-0+deb12u1", null, SeverityLevel.Low),
    ];

    private static readonly VulnerabilityFinding[] NewFindings =
    [
        Finding("DEBIAN-CVE-2023-1111", ["CVE-2023-1111"], "tzdata", "2024a-0+deb12u1", null, SeverityLevel.Low),
        Finding("DEBIAN-CVE-2024-9999", ["CVE-2024-9999"], "curl", "7.88.1-10+deb12u4", "7.88.1-10+deb12u6", SeverityLevel.Medium),
    ];

    [Fact]
    public void Package_changes_use_the_ordering_and_split_multiarch()
    {
        var delta = ScanDelta.Compute(Old, OldFindings, New, NewFindings);
        Assert.Equal(
        [
            new PackageChange("curl", "7.88.1-10+deb12u5", "7.88.1-10+deb12u4", PackageChangeKind.Downgraded),
            new PackageChange("libgcc-s1:amd64", "12.2.0-14", "12.2.0-14+b1", PackageChangeKind.Upgraded),
            new PackageChange("libssl3", "3.0.11-1~deb12u1", "3.0.13-1~deb12u1", PackageChangeKind.Upgraded),
            new PackageChange("newlib", null, "0.9-2", PackageChangeKind.Added),
            new PackageChange("oldlib", "1.0-1", null, PackageChangeKind.Removed),
            new PackageChange("openssl", "3.0.11-1~deb12u1", "3.0.13-1~deb12u1", PackageChangeKind.Upgraded),
            new PackageChange("weird", "2.0-1", "2.0-r1", PackageChangeKind.Changed), // formats differ: not comparable
        ], delta.Packages);
        Assert.Equal(["DEBIAN-CVE-2024-0001", "DSA-5678-1"], delta.Fixed.Select(v => v.Id));
        Assert.Equal(["DEBIAN-CVE-2024-9999"], delta.Introduced.Select(v => v.Id));
        Assert.Equal(["DEBIAN-CVE-2023-1111"], delta.Remaining.Select(v => v.Id));
        Assert.Equal("fixes 1 critical, 1 high; introduces 1 medium; 1 still present (1 low)", ScanDeltaMarkdown.Summary(delta));
    }

    [Fact]
    public void Golden_markdown_short()
    {
        var delta = ScanDelta.Compute(Old, OldFindings, New, NewFindings);
        var section = ScanDeltaMarkdown.Render(new BuildSummary(true, TimeSpan.FromSeconds(72.4), 74_812_345, 75_123_456), delta);
        AssertGolden("short.md", section.Markdown);
        Assert.Equal(section, ScanDeltaMarkdown.Render(new BuildSummary(true, TimeSpan.FromSeconds(72.4), 74_812_345, 75_123_456),
            ScanDelta.Compute(Old, OldFindings.Reverse().ToArray(), New, NewFindings.Reverse().ToArray())));
    }

    [Fact]
    public void Golden_markdown_long_package_list_collapses_and_nothing_fixed()
    {
        var before = Inventory(Enumerable.Range(0, 12).Select(i => Pkg($"lib{i:D2}", "1.0-1")).ToArray());
        var after = Inventory(Enumerable.Range(0, 12).Select(i => Pkg($"lib{i:D2}", "1.0-2")).ToArray());
        var section = ScanDeltaMarkdown.Render(new BuildSummary(true, TimeSpan.FromMinutes(3.5), 1_500_000_000, 1_400_000_000), ScanDelta.Compute(before, [], after, []));
        AssertGolden("long.md", section.Markdown);
    }

    [Fact]
    public void Golden_markdown_failed_build()
    {
        var section = ScanDeltaMarkdown.Render(new BuildSummary(false, TimeSpan.FromSeconds(4.2), 74_812_345, null), null,
            ["The new image did not build: step 3/7 `RUN apt-get install -y nope` failed."]);
        AssertGolden("failed.md", section.Markdown);
    }

    private static void AssertGolden(string name, string actual, [CallerFilePath] string here = "")
    {
        var path = Path.Combine(Path.GetDirectoryName(here)!, "Golden", name);
        if (Environment.GetEnvironmentVariable("REFRESHBOT_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, actual);
        }

        Assert.Equal(File.ReadAllText(path), actual);
    }

    private static PackageInventory Inventory(params InstalledPackage[] packages)
        => new(new OsRelease("debian", "12", "bookworm", [], null), packages, []);

    private static InstalledPackage Pkg(string name, string version, string? source = null, string? sourceVersion = null, string? arch = "amd64", PackageFormat format = PackageFormat.Dpkg)
        => new(name, version, format, source, sourceVersion, arch);

    private static VulnerabilityFinding Finding(string id, string[] cves, string package, string version, string? fixedIn, SeverityLevel severity)
        => new(id, cves, package, version, fixedIn, severity, "Debian:12", [package]);
}

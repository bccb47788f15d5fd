using RefreshBot.Domain.Packages;
using RefreshBot.Domain.Vulnerabilities.Ecosystems;

namespace RefreshBot.Domain.Tests.Vulnerabilities;

public sealed class OsEcosystemTests
{
    [Theory]
    [InlineData("debian", "12", null, "Debian:12", "dpkg")]
    [InlineData("debian", null, "trixie", "Debian:13", "dpkg")]
    [InlineData("ubuntu", "22.04", "jammy", "Ubuntu:22.04", "dpkg")]
    [InlineData("alpine", "3.20.3", null, "Alpine:v3.20", "apk")]
    [InlineData("alpine", "3.21_alpha20240923", null, "Alpine:v3.21", "apk")]
    [InlineData("rhel", "9.4", null, "Red Hat:enterprise_linux:9", "rpm")]
    [InlineData("rocky", "9.3", null, "Rocky Linux:9", "rpm")]
    [InlineData("almalinux", "8.10", null, "AlmaLinux:8", "rpm")]
    public void From_os_release(string id, string? versionId, string? codename, string expected, string ordering)
    {
        Assert.True(OsEcosystem.TryFromOsRelease(new OsRelease(id, versionId, codename, [], null), out var ecosystem, out _));
        Assert.Equal(expected, ecosystem.Name);
        Assert.Equal(ordering, ecosystem.Ordering.Name);
    }

    [Theory]
    [InlineData("debian", null, "sid")]
    [InlineData("linuxmint", "21.3", "virginia")] // ID_LIKE ubuntu, but not Ubuntu's versions
    [InlineData("ubuntu", null, null)]
    [InlineData("alpine", "edge", null)]
    public void Unmapped_os_release_is_a_problem_not_an_error(string id, string? versionId, string? codename)
    {
        Assert.False(OsEcosystem.TryFromOsRelease(new OsRelease(id, versionId, codename, ["ubuntu", "debian"], null), out _, out var problem));
        Assert.Contains(id, problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Debian:12", OsFamily.Debian, "12")]
    [InlineData("Debian", OsFamily.Debian, null)]
    [InlineData("Alpine:v3.16", OsFamily.Alpine, "v3.16")]
    [InlineData("Ubuntu:22.04:LTS", OsFamily.Ubuntu, "22.04")]
    [InlineData("Ubuntu:24.10", OsFamily.Ubuntu, "24.10")]
    [InlineData("Red Hat:enterprise_linux:9::appstream", OsFamily.RedHat, "9")]
    [InlineData("Rocky Linux:9", OsFamily.RockyLinux, "9")]
    [InlineData("AlmaLinux:8", OsFamily.AlmaLinux, "8")]
    public void From_record(string ecosystem, OsFamily family, string? release)
        => Assert.Equal(new OsEcosystem(family, release), OsEcosystem.FromRecord(ecosystem));

    [Theory]
    [InlineData("Ubuntu:Pro:14.04:LTS")]
    [InlineData("Ubuntu:Pro:FIPS:20.04:LTS")]
    [InlineData("Red Hat:rhel_aus:8.6::appstream")]
    [InlineData("Red Hat:rhel_e4s:8.6::appstream")]
    [InlineData("PyPI")]
    [InlineData("Go")]
    public void Ignored_record_ecosystems(string ecosystem) => Assert.Null(OsEcosystem.FromRecord(ecosystem));

    [Fact]
    public void Covers_same_release_and_unscoped_records_only()
    {
        var image = new OsEcosystem(OsFamily.Debian, "12");
        Assert.True(image.Covers(OsEcosystem.FromRecord("Debian:12")!));
        Assert.True(image.Covers(OsEcosystem.FromRecord("Debian")!));
        Assert.False(image.Covers(OsEcosystem.FromRecord("Debian:11")!));
        Assert.False(image.Covers(OsEcosystem.FromRecord("Ubuntu:12")!));
    }
}

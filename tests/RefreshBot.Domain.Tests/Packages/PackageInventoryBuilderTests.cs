using System.Text;
using RefreshBot.Domain.Packages;

namespace RefreshBot.Domain.Tests.Packages;

public sealed class PackageInventoryBuilderTests
{
    private static PackageDatabaseFile File(string path, string text) => new(path, Encoding.UTF8.GetBytes(text));

    [Fact]
    public void Combines_databases_sorted_and_deduplicated_with_etc_os_release_preferred()
    {
        var rpm = new PackageDatabaseRead([new InstalledPackage("aaa", "1-1", PackageFormat.Rpm)], ["rpmdb.sqlite: header 7: truncated"]);

        var inventory = PackageInventoryBuilder.Build(
            [
                File("./usr/lib/os-release", "ID=fallback"),
                File("/etc/os-release", "ID=debian\nVERSION_ID=\"12\""),
                File("var/lib/dpkg/status", "Package: zlib1g\nStatus: install ok installed\nVersion: 1:1.2.13\n\nPackage: base-files\nStatus: install ok installed\nVersion: 12.4\n"),
                File("var/lib/dpkg/status.d/base", "Package: base-files\nVersion: 12.4\n"),
                File("var/lib/dpkg/status.d/base.md5sums", "not a stanza at all"),
                File("var/lib/dpkg/status.d/tzdata", "Package: tzdata\nVersion: 2024a-0+deb12u1\nArchitecture: all\n"),
                File("usr/share/doc/ignored", "Package: nope\nVersion: 1\n"),
            ],
            rpm,
            ["layer 3: something the reader saw"]);

        Assert.Equal("debian", inventory.Os?.Id);
        Assert.Equal("12", inventory.Os?.VersionId);
        Assert.Equal(
            [
                new InstalledPackage("aaa", "1-1", PackageFormat.Rpm),
                new InstalledPackage("base-files", "12.4", PackageFormat.Dpkg),
                new InstalledPackage("tzdata", "2024a-0+deb12u1", PackageFormat.Dpkg, Architecture: "all"),
                new InstalledPackage("zlib1g", "1:1.2.13", PackageFormat.Dpkg),
            ],
            inventory.Packages);
        Assert.Equal(["layer 3: something the reader saw", "rpmdb.sqlite: header 7: truncated"], inventory.Problems);
    }

    [Fact]
    public void Usr_lib_os_release_is_the_fallback()
    {
        var inventory = PackageInventoryBuilder.Build([File("usr/lib/os-release", "ID=alpine\nVERSION_ID=3.20.3")]);

        Assert.Equal("alpine", inventory.Os?.Id);
        Assert.Equal("3.20.3", inventory.Os?.VersionId);
        Assert.Empty(inventory.Packages);
        Assert.Empty(inventory.Problems);
    }

    [Theory]
    [InlineData("var/lib/rpm/Packages", "var/lib/rpm/Packages: unsupported rpm database format (Berkeley DB): only rpmdb.sqlite (RPM 4.16+) is read")]
    [InlineData("usr/lib/sysimage/rpm/Packages.db", "usr/lib/sysimage/rpm/Packages.db: unsupported rpm database format (NDB): only rpmdb.sqlite (RPM 4.16+) is read")]
    public void Older_rpm_databases_are_reported_as_unsupported(string path, string problem)
    {
        var inventory = PackageInventoryBuilder.Build([new PackageDatabaseFile(path, ReadOnlyMemory<byte>.Empty), File("etc/os-release", "ID=rhel\nVERSION_ID=8.9")]);

        Assert.Equal([problem], inventory.Problems);
        Assert.Equal("rhel", inventory.Os?.Id);
    }

    [Fact]
    public void An_older_rpm_database_next_to_a_read_sqlite_one_is_not_a_problem()
    {
        var inventory = PackageInventoryBuilder.Build([new PackageDatabaseFile("var/lib/rpm/Packages", ReadOnlyMemory<byte>.Empty)], PackageDatabaseRead.Empty);

        Assert.Empty(inventory.Problems);
    }

    [Fact]
    public void Oversized_and_binary_files_are_problems_not_exceptions()
    {
        var limits = new PackageInventoryLimits { MaxOsReleaseBytes = 10, MaxStatusDirectoryEntries = 2 };
        var garbage = new byte[4096];
        new Random(3).NextBytes(garbage);

        var inventory = PackageInventoryBuilder.Build(
            [
                File("etc/os-release", "ID=debian\nVERSION_ID=12\n"),
                new PackageDatabaseFile("lib/apk/db/installed", garbage),
                File("var/lib/dpkg/status.d/a", "Package: a\nVersion: 1\n"),
                File("var/lib/dpkg/status.d/b", "Package: b\nVersion: 1\n"),
                File("var/lib/dpkg/status.d/c", "Package: c\nVersion: 1\n"),
                File("var/lib/dpkg/status.d/d", "Package: d\nVersion: 1\n"),
            ],
            limits: limits);

        Assert.Null(inventory.Os);
        Assert.Equal(["a", "b"], inventory.Packages.Select(p => p.Name));
        Assert.Contains("etc/os-release: 24 bytes is more than the 10-byte limit; not read", inventory.Problems);
        Assert.Contains("more than 2 files in var/lib/dpkg/status.d; the rest were not read", inventory.Problems);
        Assert.Contains(inventory.Problems, p => p.StartsWith("lib/apk/db/installed: line ", StringComparison.Ordinal));
    }

    [Fact]
    public void The_image_wide_package_cap_holds()
    {
        var limits = new PackageInventoryLimits { MaxPackages = 3 };
        var apk = string.Concat(Enumerable.Range(0, 3).Select(i => $"P:a{i}\nV:1\n\n"));
        var dpkg = string.Concat(Enumerable.Range(0, 3).Select(i => $"Package: d{i}\nStatus: install ok installed\nVersion: 1\n\n"));

        var inventory = PackageInventoryBuilder.Build([File("lib/apk/db/installed", apk), File("var/lib/dpkg/status", dpkg)], limits: limits);

        Assert.Equal(3, inventory.Packages.Count);
        Assert.Equal(["more than 3 packages in the image; the rest were not read"], inventory.Problems);
    }

    [Fact]
    public void An_os_release_without_assignments_is_reported()
    {
        var inventory = PackageInventoryBuilder.Build([File("etc/os-release", "\u0000\u0001garbage"), File("usr/lib/os-release", "ID=ubuntu")]);

        Assert.Equal("ubuntu", inventory.Os?.Id);
        Assert.Equal(["etc/os-release: no KEY=value assignment found"], inventory.Problems);
    }
}

using RefreshBot.Domain.Packages;

namespace RefreshBot.Domain.Tests.Packages;

public sealed class PackageDatabasePathsTests
{
    [Theory]
    [InlineData("etc/os-release", PackageDatabaseKind.OsRelease)]
    [InlineData("./etc/os-release", PackageDatabaseKind.OsRelease)]
    [InlineData("/etc//os-release", PackageDatabaseKind.OsRelease)]
    [InlineData("usr/lib/os-release", PackageDatabaseKind.OsReleaseFallback)]
    [InlineData("var/lib/dpkg/status", PackageDatabaseKind.DpkgStatus)]
    [InlineData("var/lib/dpkg/status-old", PackageDatabaseKind.None)]
    [InlineData("var/lib/dpkg/status.d/libc6", PackageDatabaseKind.DpkgStatusDirectoryEntry)]
    [InlineData("var/lib/dpkg/status.d/libc6.md5sums", PackageDatabaseKind.None)]
    [InlineData("var/lib/dpkg/status.d/.hidden", PackageDatabaseKind.None)]
    [InlineData("var/lib/dpkg/status.d/sub/dir", PackageDatabaseKind.None)]
    [InlineData("var/lib/dpkg/status.d/", PackageDatabaseKind.None)]
    [InlineData("lib/apk/db/installed", PackageDatabaseKind.ApkInstalled)]
    [InlineData("var/lib/rpm/rpmdb.sqlite", PackageDatabaseKind.RpmSqlite)]
    [InlineData("usr/lib/sysimage/rpm/rpmdb.sqlite", PackageDatabaseKind.RpmSqlite)]
    [InlineData("var/lib/rpm/rpmdb.sqlite-wal", PackageDatabaseKind.None)]
    [InlineData("var/lib/rpm/Packages", PackageDatabaseKind.RpmBerkeleyDb)]
    [InlineData("usr/lib/sysimage/rpm/Packages.db", PackageDatabaseKind.RpmNdb)]
    [InlineData("../etc/os-release", PackageDatabaseKind.None)]
    [InlineData("etc/../etc/os-release", PackageDatabaseKind.None)]
    [InlineData("", PackageDatabaseKind.None)]
    public void Classifies_layer_paths(string path, PackageDatabaseKind kind) => Assert.Equal(kind, PackageDatabasePaths.Classify(path));

    [Fact]
    public void Byte_limits_per_kind()
    {
        var limits = PackageInventoryLimits.Default;
        Assert.Equal(limits.MaxOsReleaseBytes, PackageDatabasePaths.MaxBytes(PackageDatabaseKind.OsRelease));
        Assert.Equal(limits.MaxDatabaseTextBytes, PackageDatabasePaths.MaxBytes(PackageDatabaseKind.ApkInstalled));
        Assert.Equal(limits.MaxStatusDirectoryEntryBytes, PackageDatabasePaths.MaxBytes(PackageDatabaseKind.DpkgStatusDirectoryEntry));
        Assert.Equal(limits.MaxRpmDatabaseBytes, PackageDatabasePaths.MaxBytes(PackageDatabaseKind.RpmSqlite));
        Assert.Equal(0, PackageDatabasePaths.MaxBytes(PackageDatabaseKind.RpmBerkeleyDb));
    }
}

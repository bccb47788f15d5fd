using System.Text;
using RefreshBot.Adapters.Layers;
using RefreshBot.Testing.Images;

namespace RefreshBot.Integration.Tests.Layers;

/// <summary>
/// A three-layer image exercising every mechanic: a symlinked os-release, a dpkg status upgraded by a later layer,
/// a whited-out apk database and old rpm database, and an opaque status.d directory.
/// </summary>
internal static class SampleLayers
{
    public const string StatusV1 = "Package: libc6\nStatus: install ok installed\nVersion: 2.36-9\n\n";
    public const string StatusV2 = "Package: libc6\nStatus: install ok installed\nVersion: 2.36-9+deb12u7\n\n";
    public const string OsV1 = "ID=debian\nVERSION_ID=\"12\"\nPRETTY_NAME=\"Debian GNU/Linux 12 (v1)\"\n";
    public const string OsV2 = "ID=debian\nVERSION_ID=\"12\"\nPRETTY_NAME=\"Debian GNU/Linux 12 (v2)\"\n";
    public const string AppPart = "Package: app\nVersion: 1.0\n\n";

    /// <summary>The base: os-release behind a symlink, dpkg status v1, two status.d parts, an apk db, an old rpm db, filler.</summary>
    public static LayerBuilder Base() => new LayerBuilder()
        .Directory("etc")
        .Directory("usr/lib")
        .File("usr/lib/os-release", OsV1)
        .Symlink("etc/os-release", "../usr/lib/os-release")
        .Directory("var/lib/dpkg/status.d")
        .File("var/lib/dpkg/status", StatusV1)
        .File("var/lib/dpkg/status.d/base", "Package: base-files\nVersion: 12.4\n\n")
        .File("var/lib/dpkg/status.d/base.md5sums", "d41d8cd98f00b204e9800998ecf8427e  /etc/issue\n")
        .File("lib/apk/db/installed", "P:musl\nV:1.2.4-r2\n\n")
        .File("var/lib/rpm/Packages", new byte[4096])
        .File("usr/share/doc/filler.bin", Encoding.ASCII.GetBytes(new string('x', 200_000)));

    /// <summary>Upgrades dpkg status and os-release, deletes the apk database directory and the old rpm database.</summary>
    public static LayerBuilder Upgrade() => new LayerBuilder()
        .File("var/lib/dpkg/status", StatusV2)
        .File("usr/lib/os-release", OsV2)
        .Whiteout("lib/apk/db")
        .Whiteout("var/lib/rpm/Packages");

    /// <summary>Makes status.d opaque and adds one part: only that part remains.</summary>
    public static LayerBuilder App() => new LayerBuilder()
        .Opaque("var/lib/dpkg/status.d")
        .File("var/lib/dpkg/status.d/app", AppPart);

    public static string Text(ImageFile? file) => file is null ? "<none>" : Encoding.UTF8.GetString(file.Content.Span);

    /// <summary>Asserts the exact final files of Base + Upgrade + App.</summary>
    public static void AssertFinal(ImageFiles files)
    {
        Assert.Equal("usr/lib/os-release", files.OsRelease?.Path);
        Assert.Equal(OsV2, Text(files.OsRelease));
        Assert.Equal(StatusV2, Text(files.DpkgStatus));
        var part = Assert.Single(files.DpkgStatusParts);
        Assert.Equal("var/lib/dpkg/status.d/app", part.Path);
        Assert.Equal(AppPart, Text(part));
        Assert.Null(files.ApkInstalled);
        Assert.Null(files.Rpm);
        Assert.Empty(files.Problems);
    }
}

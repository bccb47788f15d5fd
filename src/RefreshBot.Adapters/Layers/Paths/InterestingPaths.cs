using System.Collections.Frozen;

namespace RefreshBot.Adapters.Layers.Paths;

/// <summary>What a collected file is for.</summary>
public enum ImageFileKind
{
    OsRelease,
    ApkInstalled,
    DpkgStatus,
    DpkgStatusPart,
    RpmSqlite,
    RpmLegacy,
}

/// <summary>
/// The files a layer reader keeps, at the places they are stored (after symlinks): everything else in a layer
/// is skipped without being buffered. Links, directories, whiteouts and opaque markers are kept only for these
/// paths and their ancestor directories, which is all that resolving them needs.
/// </summary>
internal static class InterestingPaths
{
    public const string EtcOsRelease = "etc/os-release";
    public const string UsrLibOsRelease = "usr/lib/os-release";
    public const string ApkInstalled = "lib/apk/db/installed";
    public const string DpkgStatus = "var/lib/dpkg/status";
    public const string DpkgStatusDirectory = "var/lib/dpkg/status.d";
    public const string RpmDirectory = "var/lib/rpm";

    /// <summary>Exact storage paths. Fedora ≥ 36 keeps the rpm database in usr/lib/sysimage/rpm (var/lib/rpm links there);
    /// newer apk-tools may keep its database below usr/lib.</summary>
    private static readonly FrozenDictionary<string, ImageFileKind> Files = new Dictionary<string, ImageFileKind>
    {
        [EtcOsRelease] = ImageFileKind.OsRelease,
        [UsrLibOsRelease] = ImageFileKind.OsRelease,
        [ApkInstalled] = ImageFileKind.ApkInstalled,
        ["usr/lib/apk/db/installed"] = ImageFileKind.ApkInstalled,
        [DpkgStatus] = ImageFileKind.DpkgStatus,
        ["var/lib/rpm/rpmdb.sqlite"] = ImageFileKind.RpmSqlite,
        ["usr/lib/sysimage/rpm/rpmdb.sqlite"] = ImageFileKind.RpmSqlite,
        ["var/lib/rpm/Packages"] = ImageFileKind.RpmLegacy,
        ["var/lib/rpm/Packages.db"] = ImageFileKind.RpmLegacy,
        ["usr/lib/sysimage/rpm/Packages"] = ImageFileKind.RpmLegacy,
        ["usr/lib/sysimage/rpm/Packages.db"] = ImageFileKind.RpmLegacy,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenSet<string> Ancestors = Files.Keys.Append(DpkgStatusDirectory + "/x")
        .SelectMany(AncestorsOf).ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The kind of file stored at <paramref name="path"/>, or null when the reader skips it.</summary>
    public static ImageFileKind? KindOf(string path)
    {
        if (Files.TryGetValue(path, out var kind))
        {
            return kind;
        }

        // distroless: one status file per package; the .md5sums next to them are not needed
        return LayerPath.Parent(path) == DpkgStatusDirectory && !path.EndsWith(".md5sums", StringComparison.Ordinal)
            ? ImageFileKind.DpkgStatusPart
            : null;
    }

    /// <summary>True for a directory on the way to an interesting file (<c>etc</c>, <c>var/lib/dpkg/status.d</c>, …).</summary>
    public static bool IsAncestor(string path) => Ancestors.Contains(path);

    /// <summary>True when a link, directory, whiteout or opaque marker at <paramref name="path"/> can matter.</summary>
    public static bool Matters(string path) => IsAncestor(path) || KindOf(path) is not null;

    private static IEnumerable<string> AncestorsOf(string path)
    {
        for (var slash = path.IndexOf('/', StringComparison.Ordinal); slash > 0; slash = path.IndexOf('/', slash + 1))
        {
            yield return path[..slash];
        }
    }
}

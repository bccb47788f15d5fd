namespace RefreshBot.Domain.Packages;

/// <summary>What a file in an image's root filesystem is to the package inventory.</summary>
public enum PackageDatabaseKind
{
    /// <summary>Not a file the inventory reads.</summary>
    None,

    /// <summary><c>etc/os-release</c> (preferred, os-release(5)).</summary>
    OsRelease,

    /// <summary><c>usr/lib/os-release</c>, used when <c>etc/os-release</c> is absent (or a symlink, which layers do not follow).</summary>
    OsReleaseFallback,

    /// <summary><c>var/lib/dpkg/status</c>.</summary>
    DpkgStatus,

    /// <summary>A file in distroless <c>var/lib/dpkg/status.d/</c> (not the <c>*.md5sums</c> files).</summary>
    DpkgStatusDirectoryEntry,

    /// <summary><c>lib/apk/db/installed</c>.</summary>
    ApkInstalled,

    /// <summary><c>rpmdb.sqlite</c> (RPM 4.16+): copy it to a temporary file and read it with the rpm SQLite reader.</summary>
    RpmSqlite,

    /// <summary><c>Packages</c>: the Berkeley DB rpm database (RPM before 4.16) — not supported.</summary>
    RpmBerkeleyDb,

    /// <summary><c>Packages.db</c>: the NDB rpm database (SUSE) — not supported.</summary>
    RpmNdb,
}

/// <summary>Classifies layer paths, so the layer reader keeps only what the inventory needs.</summary>
public static class PackageDatabasePaths
{
    private const string StatusDirectory = "var/lib/dpkg/status.d/";

    /// <summary>rpm's database directory: <c>var/lib/rpm</c>, and <c>usr/lib/sysimage/rpm</c> since Fedora 36 / openSUSE (the old path is then a symlink).</summary>
    private static readonly string[] RpmDirectories = ["var/lib/rpm/", "usr/lib/sysimage/rpm/"];

    /// <summary>
    /// The kind of a path as it appears in a layer tar (<c>etc/os-release</c>, <c>./etc/os-release</c> and
    /// <c>/etc/os-release</c> are the same); paths with <c>..</c> segments are <see cref="PackageDatabaseKind.None"/>.
    /// </summary>
    public static PackageDatabaseKind Classify(string path)
    {
        var p = Normalize(path);
        if (p is null)
        {
            return PackageDatabaseKind.None;
        }

        switch (p)
        {
            case "etc/os-release": return PackageDatabaseKind.OsRelease;
            case "usr/lib/os-release": return PackageDatabaseKind.OsReleaseFallback;
            case "var/lib/dpkg/status": return PackageDatabaseKind.DpkgStatus;
            case "lib/apk/db/installed": return PackageDatabaseKind.ApkInstalled;
        }

        if (p.StartsWith(StatusDirectory, StringComparison.Ordinal))
        {
            var name = p[StatusDirectory.Length..];
            return name.Length == 0 || name.Contains('/') || name[0] == '.' || name.EndsWith(".md5sums", StringComparison.Ordinal)
                ? PackageDatabaseKind.None
                : PackageDatabaseKind.DpkgStatusDirectoryEntry;
        }

        foreach (var directory in RpmDirectories)
        {
            if (p.StartsWith(directory, StringComparison.Ordinal))
            {
                return p[directory.Length..] switch
                {
                    "rpmdb.sqlite" => PackageDatabaseKind.RpmSqlite,
                    "Packages" => PackageDatabaseKind.RpmBerkeleyDb,
                    "Packages.db" => PackageDatabaseKind.RpmNdb,
                    _ => PackageDatabaseKind.None,
                };
            }
        }

        return PackageDatabaseKind.None;
    }

    /// <summary>The problem reported for an rpm database format that is not read, or null for the others.</summary>
    public static string? UnsupportedProblem(PackageDatabaseKind kind) => kind switch
    {
        PackageDatabaseKind.RpmBerkeleyDb =>
            "unsupported rpm database format (Berkeley DB): only rpmdb.sqlite (RPM 4.16+) is read",
        PackageDatabaseKind.RpmNdb =>
            "unsupported rpm database format (NDB): only rpmdb.sqlite (RPM 4.16+) is read",
        _ => null,
    };

    /// <summary>How many bytes of a file of this kind the inventory reads; larger files are reported, not read.</summary>
    public static long MaxBytes(PackageDatabaseKind kind, PackageInventoryLimits? limits = null)
    {
        limits ??= PackageInventoryLimits.Default;
        return kind switch
        {
            PackageDatabaseKind.OsRelease or PackageDatabaseKind.OsReleaseFallback => limits.MaxOsReleaseBytes,
            PackageDatabaseKind.DpkgStatus or PackageDatabaseKind.ApkInstalled => limits.MaxDatabaseTextBytes,
            PackageDatabaseKind.DpkgStatusDirectoryEntry => limits.MaxStatusDirectoryEntryBytes,
            PackageDatabaseKind.RpmSqlite => limits.MaxRpmDatabaseBytes,
            _ => 0,
        };
    }

    /// <summary>The path relative to the root (<c>a/b</c>), or null when it escapes it or is empty.</summary>
    public static string? Normalize(string path)
    {
        var segments = new List<string>();
        foreach (var segment in path.Split('/'))
        {
            if (segment is "" or ".")
            {
                continue;
            }

            if (segment == "..")
            {
                return null;
            }

            segments.Add(segment);
        }

        return segments.Count == 0 ? null : string.Join('/', segments);
    }
}

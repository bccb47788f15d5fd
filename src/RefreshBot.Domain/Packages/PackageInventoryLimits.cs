namespace RefreshBot.Domain.Packages;

/// <summary>
/// Bounds for reading package databases from untrusted images. The layer reader uses the byte limits
/// to decide how much of a file it buffers; the parsers use the rest.
/// </summary>
public sealed record PackageInventoryLimits
{
    public static PackageInventoryLimits Default { get; } = new();

    /// <summary>Largest <c>os-release</c> file read.</summary>
    public int MaxOsReleaseBytes { get; init; } = 64 * 1024;

    /// <summary>Largest <c>var/lib/dpkg/status</c> or <c>lib/apk/db/installed</c> read.</summary>
    public int MaxDatabaseTextBytes { get; init; } = 64 * 1024 * 1024;

    /// <summary>Largest single <c>var/lib/dpkg/status.d/*</c> file read.</summary>
    public int MaxStatusDirectoryEntryBytes { get; init; } = 1024 * 1024;

    /// <summary>Most <c>var/lib/dpkg/status.d/*</c> files read.</summary>
    public int MaxStatusDirectoryEntries { get; init; } = 10_000;

    /// <summary>Largest <c>rpmdb.sqlite</c> copied out of a layer.</summary>
    public long MaxRpmDatabaseBytes { get; init; } = 1024L * 1024 * 1024;

    /// <summary>Largest single rpm header blob parsed.</summary>
    public int MaxRpmHeaderBytes { get; init; } = 32 * 1024 * 1024;

    /// <summary>Most packages kept per image (and per database).</summary>
    public int MaxPackages { get; init; } = 50_000;

    /// <summary>Longest name, version, source or architecture value kept; longer records are skipped.</summary>
    public int MaxFieldLength { get; init; } = 4096;

    /// <summary>Most problems reported per database file (and per image); the rest are counted.</summary>
    public int MaxProblems { get; init; } = 20;
}

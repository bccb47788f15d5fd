namespace RefreshBot.Domain.Packages;

/// <summary>Where a dpkg-format stanza came from; decides what a missing <c>Status</c> field means.</summary>
public enum DpkgStatusKind
{
    /// <summary><c>var/lib/dpkg/status</c>: a stanza with no <c>Status</c> is not installed.</summary>
    StatusFile,

    /// <summary>Distroless <c>var/lib/dpkg/status.d/*</c>: stanzas carry no <c>Status</c> and are installed.</summary>
    StatusDirectory,
}

/// <summary>
/// One package stanza of a dpkg (or opkg) status database.
/// </summary>
/// <param name="Status">The <c>Status</c> field (<c>want flag state</c>, e.g. <c>install ok installed</c>), or null when absent.</param>
public sealed record DpkgEntry(
    string Name,
    string Version,
    string? Status,
    string? SourceName,
    string? SourceVersion,
    string? Architecture)
{
    /// <summary>
    /// Whether the package's files are on disk: the state (last word of <c>Status</c>) is <c>installed</c>,
    /// whatever the wanted action (<c>deinstall reinstreq installed</c> is still installed);
    /// <c>config-files</c>, <c>half-installed</c>, <c>unpacked</c>, <c>not-installed</c> are not.
    /// </summary>
    public bool IsInstalled(DpkgStatusKind kind)
    {
        if (Status is null)
        {
            return kind == DpkgStatusKind.StatusDirectory;
        }

        var lastSpace = Status.LastIndexOf(' ');
        return Status[(lastSpace + 1)..] == "installed";
    }

    public InstalledPackage ToInstalledPackage() =>
        new(Name, Version, PackageFormat.Dpkg, SourceName, SourceVersion, Architecture);
}

/// <summary>The stanzas read from one dpkg-format file and what could not be read.</summary>
public sealed record DpkgStatusRead(IReadOnlyList<DpkgEntry> Entries, IReadOnlyList<string> Problems)
{
    public IReadOnlyList<InstalledPackage> Packages => [.. Entries.Select(e => e.ToInstalledPackage())];
}

using RefreshBot.Domain.Packages;
using RefreshBot.Domain.References;

namespace RefreshBot.Adapters.Layers;

/// <summary>One file of an image's final file system, found at <see cref="Path"/> (after links, relative to the image root).</summary>
public sealed record ImageFile(string Path, ReadOnlyMemory<byte> Content);

/// <summary>The rpm SQLite database of the final file system, read: its packages and problems.</summary>
public sealed record RpmDatabase(string Path, PackageDatabaseRead Read);

/// <summary>
/// The package-database files of an image after all its layers (whiteouts and opaque directories applied,
/// later layers winning, links resolved inside the image only).
/// </summary>
/// <param name="Layers">Layer digests in order (registry blob digests, or the layer tars' sha256 for local images).</param>
/// <param name="OsRelease"><c>etc/os-release</c>, else <c>usr/lib/os-release</c>.</param>
/// <param name="ApkInstalled"><c>lib/apk/db/installed</c>.</param>
/// <param name="DpkgStatus"><c>var/lib/dpkg/status</c>.</param>
/// <param name="DpkgStatusParts">Files of <c>var/lib/dpkg/status.d/</c> (distroless), by name; <c>*.md5sums</c> are skipped.</param>
/// <param name="Rpm">The rpm SQLite database (<c>var/lib/rpm/rpmdb.sqlite</c>), read.</param>
/// <param name="Problems">What could not be read, e.g. an rpm Berkeley DB database.</param>
public sealed record ImageFiles(
    IReadOnlyList<Digest> Layers,
    ImageFile? OsRelease,
    ImageFile? ApkInstalled,
    ImageFile? DpkgStatus,
    IReadOnlyList<ImageFile> DpkgStatusParts,
    RpmDatabase? Rpm,
    IReadOnlyList<string> Problems);

namespace RefreshBot.Domain.Packages;

/// <summary>The package manager whose database a package came from.</summary>
public enum PackageFormat
{
    Dpkg,
    Apk,
    Rpm,
}

/// <summary>
/// One installed OS package. CONTRACT (issue 4; members may be added).
/// </summary>
/// <param name="Name">Binary package name (dpkg <c>Package</c>, apk <c>P</c>, rpm <c>NAME</c>).</param>
/// <param name="Version">Full version as the package manager writes it (dpkg <c>[epoch:]upstream[-revision]</c>, apk <c>1.2.3-r4</c>, rpm <c>[epoch:]version-release</c>).</param>
/// <param name="SourceName">Source package (dpkg <c>Source</c>, apk origin <c>o</c>, rpm source rpm name), or null when the same as <see cref="Name"/>.</param>
/// <param name="SourceVersion">Source version when it differs (dpkg <c>Source: name (version)</c>), or null.</param>
/// <param name="Architecture">e.g. <c>amd64</c>, <c>x86_64</c>, <c>all</c>, <c>noarch</c>; null when unknown.</param>
public sealed record InstalledPackage(
    string Name,
    string Version,
    PackageFormat Format,
    string? SourceName = null,
    string? SourceVersion = null,
    string? Architecture = null);

/// <summary><c>os-release</c> essentials: <c>ID</c>, <c>VERSION_ID</c>, <c>VERSION_CODENAME</c>, <c>ID_LIKE</c>, <c>PRETTY_NAME</c>.</summary>
public sealed record OsRelease(string Id, string? VersionId, string? VersionCodename, IReadOnlyList<string> IdLike, string? PrettyName);

/// <summary>
/// What an image has installed. CONTRACT (issue 4; members may be added).
/// </summary>
/// <param name="Os">From <c>etc/os-release</c> or <c>usr/lib/os-release</c>; null when the image has none.</param>
/// <param name="Packages">Installed packages, sorted by name then version.</param>
/// <param name="Problems">What could not be read (e.g. "rpm Berkeley DB database is not supported"), never thrown.</param>
public sealed record PackageInventory(OsRelease? Os, IReadOnlyList<InstalledPackage> Packages, IReadOnlyList<string> Problems);

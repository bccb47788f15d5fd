using RefreshBot.Domain.Packages;
using RefreshBot.Domain.Vulnerabilities.Ecosystems;

namespace RefreshBot.Domain.Vulnerabilities.Matching;

/// <summary>A name and version to look up in an ecosystem's advisories, and the installed packages behind it.</summary>
public sealed record PackageQuery(string Name, string Version, IReadOnlyList<string> BinaryPackages);

/// <summary>
/// Turns installed packages into advisory look-ups, by each ecosystem's naming convention (osv-schema ecosystems.json):
/// <list type="bullet">
/// <item>Debian, Ubuntu: the source package (<c>Source:</c>, else the package name) at the source version when given, else the binary version;</item>
/// <item>Alpine: the origin (<c>o:</c>, else the package name) at the package version (an origin's subpackages share it);</item>
/// <item>Red Hat: records name binary rpms (checked in RHSA records) and sometimes source rpms: both names, at the package version;</item>
/// <item>Rocky Linux, AlmaLinux: the source rpm name, with the binary name as well for records that list binaries.</item>
/// </list>
/// Packages of another format than the ecosystem's (e.g. a stray apk database in a Debian image) are ignored.
/// Queries are deduplicated and sorted by name, then version.
/// </summary>
public static class PackageQueries
{
    public static IReadOnlyList<PackageQuery> For(OsEcosystem ecosystem, IEnumerable<InstalledPackage> packages)
    {
        var queries = new SortedDictionary<(string Name, string Version), SortedSet<string>>(
            Comparer<(string Name, string Version)>.Create((a, b) =>
            {
                var byName = string.CompareOrdinal(a.Name, b.Name);
                return byName != 0 ? byName : string.CompareOrdinal(a.Version, b.Version);
            }));
        foreach (var package in packages.Where(p => p.Format == ecosystem.Format))
        {
            foreach (var (name, version) in Keys(ecosystem.Family, package))
            {
                if (!queries.TryGetValue((name, version), out var binaries))
                {
                    queries[(name, version)] = binaries = new SortedSet<string>(StringComparer.Ordinal);
                }

                binaries.Add(package.Name);
            }
        }

        return queries.Select(q => new PackageQuery(q.Key.Name, q.Key.Version, q.Value.ToArray())).ToArray();
    }

    private static IEnumerable<(string Name, string Version)> Keys(OsFamily family, InstalledPackage package)
    {
        var source = string.IsNullOrEmpty(package.SourceName) ? package.Name : package.SourceName;
        switch (family)
        {
            case OsFamily.Debian or OsFamily.Ubuntu:
                yield return (source, string.IsNullOrEmpty(package.SourceVersion) ? package.Version : package.SourceVersion);
                break;
            case OsFamily.Alpine:
                yield return (source, package.Version);
                break;
            default:
                yield return (package.Name, package.Version);
                if (source != package.Name)
                {
                    yield return (source, package.Version);
                }

                break;
        }
    }
}

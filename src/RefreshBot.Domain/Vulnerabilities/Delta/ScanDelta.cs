using RefreshBot.Domain.Packages;
using RefreshBot.Domain.Versions;
using RefreshBot.Domain.Vulnerabilities.Matching;
using RefreshBot.Domain.Vulnerabilities.Severity;

namespace RefreshBot.Domain.Vulnerabilities.Delta;

/// <summary>One advisory on one side of the delta, with every package it affects there.</summary>
/// <param name="Severity">The most severe level among its findings.</param>
public sealed record VulnerabilityChange(string Id, IReadOnlyList<string> Aliases, SeverityLevel Severity, IReadOnlyList<VulnerabilityFinding> Findings)
{
    public string Url => Findings[0].Url;
}

/// <summary>
/// Old image → new image: which packages changed (upgraded/downgraded by the package manager's own ordering,
/// added, removed) and which advisories are fixed, newly present, or still present. Advisories are compared by
/// OSV id, so a count is a count of advisories (a DSA naming two CVEs counts once). Everything is sorted:
/// packages by name; advisories by severity (critical first), then id.
/// </summary>
public sealed record ScanDelta(
    IReadOnlyList<PackageChange> Packages,
    IReadOnlyList<VulnerabilityChange> Fixed,
    IReadOnlyList<VulnerabilityChange> Introduced,
    IReadOnlyList<VulnerabilityChange> Remaining)
{
    public static ScanDelta Compute(
        PackageInventory oldInventory, IReadOnlyList<VulnerabilityFinding> oldFindings,
        PackageInventory newInventory, IReadOnlyList<VulnerabilityFinding> newFindings)
    {
        var oldById = Group(oldFindings);
        var newById = Group(newFindings);
        return new ScanDelta(
            PackageChanges(oldInventory, newInventory),
            oldById.Where(o => !newById.ContainsKey(o.Key)).Select(o => o.Value).OrderBy(v => v.Severity).ThenBy(v => v.Id, StringComparer.Ordinal).ToArray(),
            newById.Where(n => !oldById.ContainsKey(n.Key)).Select(n => n.Value).OrderBy(v => v.Severity).ThenBy(v => v.Id, StringComparer.Ordinal).ToArray(),
            newById.Where(n => oldById.ContainsKey(n.Key)).Select(n => n.Value).OrderBy(v => v.Severity).ThenBy(v => v.Id, StringComparer.Ordinal).ToArray());
    }

    private static Dictionary<string, VulnerabilityChange> Group(IEnumerable<VulnerabilityFinding> findings)
        => findings.GroupBy(f => f.Id, StringComparer.Ordinal).ToDictionary(
            g => g.Key,
            g =>
            {
                var sorted = g.OrderBy(f => f.Package, StringComparer.Ordinal).ThenBy(f => f.InstalledVersion, StringComparer.Ordinal).ToArray();
                return new VulnerabilityChange(
                    g.Key,
                    sorted.SelectMany(f => f.Aliases).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray(),
                    sorted.Min(f => f.Severity),
                    sorted);
            },
            StringComparer.Ordinal);

    private static PackageChange[] PackageChanges(PackageInventory oldInventory, PackageInventory newInventory)
    {
        var multiArch = oldInventory.Packages.Concat(newInventory.Packages)
            .GroupBy(p => p.Name, StringComparer.Ordinal)
            .Where(g => g.Select(p => p.Architecture).Distinct().Count() > 1)
            .Select(g => g.Key)
            .ToHashSet(StringComparer.Ordinal);
        string Key(InstalledPackage p) => multiArch.Contains(p.Name) && p.Architecture is not null ? $"{p.Name}:{p.Architecture}" : p.Name;
        var before = Index(oldInventory, Key);
        var after = Index(newInventory, Key);
        var changes = new List<PackageChange>();
        foreach (var name in before.Keys.Union(after.Keys).Order(StringComparer.Ordinal))
        {
            var old = before.GetValueOrDefault(name);
            var @new = after.GetValueOrDefault(name);
            if (old is null)
            {
                changes.Add(new PackageChange(name, null, @new!.Version, PackageChangeKind.Added));
            }
            else if (@new is null)
            {
                changes.Add(new PackageChange(name, old.Version, null, PackageChangeKind.Removed));
            }
            else if (old.Version != @new.Version)
            {
                var kind = old.Format == @new.Format && VersionOrderings.For(old.Format).TryCompare(old.Version, @new.Version, out var c) && c != 0
                    ? (c < 0 ? PackageChangeKind.Upgraded : PackageChangeKind.Downgraded)
                    : PackageChangeKind.Changed;
                changes.Add(new PackageChange(name, old.Version, @new.Version, kind));
            }
        }

        return changes.ToArray();
    }

    private static Dictionary<string, InstalledPackage> Index(PackageInventory inventory, Func<InstalledPackage, string> key)
    {
        var index = new Dictionary<string, InstalledPackage>(StringComparer.Ordinal);
        foreach (var package in inventory.Packages)
        {
            index.TryAdd(key(package), package);
        }

        return index;
    }
}

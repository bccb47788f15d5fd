using System.Text;

namespace RefreshBot.Domain.Packages;

/// <summary>A file as found in an image's final filesystem (after whiteouts): its path in the layer and its bytes.</summary>
public sealed record PackageDatabaseFile(string Path, ReadOnlyMemory<byte> Content);

/// <summary>
/// Combines the package files found in an image into its <see cref="PackageInventory"/>: os-release, dpkg
/// status and status.d, apk installed, and the packages read from <c>rpmdb.sqlite</c>. Never throws:
/// anything unreadable becomes a problem prefixed with its path.
/// </summary>
public static class PackageInventoryBuilder
{
    /// <param name="files">Files by path (see <see cref="PackageDatabasePaths.Classify"/>; others are ignored).
    /// For <c>Packages</c>/<c>Packages.db</c> rpm databases the content is not needed: their presence is reported.</param>
    /// <param name="rpm">What the rpm SQLite reader found, when the image has an <c>rpmdb.sqlite</c>.</param>
    /// <param name="readerProblems">Problems the layer reader already found (reported first).</param>
    public static PackageInventory Build(
        IEnumerable<PackageDatabaseFile> files,
        PackageDatabaseRead? rpm = null,
        IEnumerable<string>? readerProblems = null,
        PackageInventoryLimits? limits = null)
    {
        limits ??= PackageInventoryLimits.Default;
        var problems = new ProblemList(limits.MaxProblems * 5);
        foreach (var problem in readerProblems ?? [])
        {
            problems.Add(problem);
        }

        var byKind = Classify(files);
        var reads = new List<PackageDatabaseRead>();
        var os = ReadOs(byKind, problems, limits);
        var statusDirectoryEntries = 0;

        foreach (var (path, content, kind) in byKind.OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            if (PackageDatabasePaths.UnsupportedProblem(kind) is { } unsupported)
            {
                if (rpm is null)
                {
                    problems.Add($"{path}: {unsupported}");
                }

                continue;
            }

            if (kind == PackageDatabaseKind.DpkgStatusDirectoryEntry && ++statusDirectoryEntries > limits.MaxStatusDirectoryEntries)
            {
                if (statusDirectoryEntries == limits.MaxStatusDirectoryEntries + 1)
                {
                    problems.Add($"more than {limits.MaxStatusDirectoryEntries} files in var/lib/dpkg/status.d; the rest were not read");
                }

                continue;
            }

            if (kind is not (PackageDatabaseKind.DpkgStatus or PackageDatabaseKind.DpkgStatusDirectoryEntry or PackageDatabaseKind.ApkInstalled)
                || Decode(path, content, kind, problems, limits) is not { } text)
            {
                continue;
            }

            var read = kind switch
            {
                PackageDatabaseKind.ApkInstalled => ApkInstalledParser.Parse(text, limits),
                PackageDatabaseKind.DpkgStatus => ToRead(DpkgStatusParser.Parse(text, DpkgStatusKind.StatusFile, limits: limits)),
                _ => ToRead(DpkgStatusParser.Parse(text, DpkgStatusKind.StatusDirectory, limits: limits)),
            };
            reads.Add(read);
            foreach (var problem in read.Problems)
            {
                problems.Add($"{path}: {problem}");
            }
        }

        if (rpm is not null)
        {
            reads.Add(rpm);
            foreach (var problem in rpm.Problems)
            {
                problems.Add(problem);
            }
        }

        var packages = Combine(reads, problems, limits);
        return new PackageInventory(os, packages, problems.ToList());
    }

    private static List<(string Path, ReadOnlyMemory<byte> Content, PackageDatabaseKind Kind)> Classify(IEnumerable<PackageDatabaseFile> files)
    {
        var byPath = new Dictionary<string, (ReadOnlyMemory<byte>, PackageDatabaseKind)>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var kind = PackageDatabasePaths.Classify(file.Path);
            if (kind != PackageDatabaseKind.None && PackageDatabasePaths.Normalize(file.Path) is { } path)
            {
                byPath[path] = (file.Content, kind);
            }
        }

        return [.. byPath.Select(f => (f.Key, f.Value.Item1, f.Value.Item2))];
    }

    private static OsRelease? ReadOs(
        List<(string Path, ReadOnlyMemory<byte> Content, PackageDatabaseKind Kind)> files,
        ProblemList problems,
        PackageInventoryLimits limits)
    {
        foreach (var wanted in (PackageDatabaseKind[])[PackageDatabaseKind.OsRelease, PackageDatabaseKind.OsReleaseFallback])
        {
            foreach (var (path, content, kind) in files)
            {
                if (kind == wanted && Decode(path, content, kind, problems, limits) is { } text)
                {
                    if (OsReleaseParser.Parse(text) is { } os)
                    {
                        return os;
                    }

                    problems.Add($"{path}: no KEY=value assignment found");
                }
            }
        }

        return null;
    }

    private static string? Decode(string path, ReadOnlyMemory<byte> content, PackageDatabaseKind kind, ProblemList problems, PackageInventoryLimits limits)
    {
        var max = PackageDatabasePaths.MaxBytes(kind, limits);
        if (content.Length > max)
        {
            problems.Add($"{path}: {content.Length} bytes is more than the {max}-byte limit; not read");
            return null;
        }

        return Encoding.UTF8.GetString(content.Span);
    }

    private static PackageDatabaseRead ToRead(DpkgStatusRead read) => new(read.Packages, read.Problems);

    private static List<InstalledPackage> Combine(List<PackageDatabaseRead> reads, ProblemList problems, PackageInventoryLimits limits)
    {
        var seen = new HashSet<InstalledPackage>();
        var packages = new List<InstalledPackage>();
        foreach (var package in reads.SelectMany(r => r.Packages))
        {
            if (packages.Count >= limits.MaxPackages)
            {
                problems.Add($"more than {limits.MaxPackages} packages in the image; the rest were not read");
                break;
            }

            if (seen.Add(package))
            {
                packages.Add(package);
            }
        }

        packages.Sort(Compare);
        return packages;
    }

    private static int Compare(InstalledPackage a, InstalledPackage b)
    {
        var c = string.CompareOrdinal(a.Name, b.Name);
        c = c != 0 ? c : string.CompareOrdinal(a.Version, b.Version);
        c = c != 0 ? c : string.CompareOrdinal(a.Architecture, b.Architecture);
        return c != 0 ? c : a.Format.CompareTo(b.Format);
    }
}

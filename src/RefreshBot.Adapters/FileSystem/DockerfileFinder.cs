using RefreshBot.Application.Check.Ports;

namespace RefreshBot.Adapters.FileSystem;

/// <summary>
/// Finds Dockerfiles (see <see cref="DockerfileNames"/>) under a folder on disk.
/// Skips <c>.git</c> and <c>node_modules</c> folders and whatever the <c>.gitignore</c> files met on the way
/// ignore (see <see cref="GitIgnoreRules"/> for what is supported). Symbolic links to folders are never
/// followed (a folder inside the root is reached through its real path anyway; one outside must not be);
/// a symbolic link to a file is kept only when its final target lies inside the root.
/// Order: ordinal by relative path, so runs are reproducible.
/// </summary>
public sealed class DockerfileFinder : IDockerfileSource
{
    private static readonly HashSet<string> SkippedFolders = new(StringComparer.Ordinal) { ".git", "node_modules" };

    public Task<IReadOnlyList<string>> FindAsync(string root, CancellationToken cancellationToken) =>
        FindMatchingAsync(root, path => DockerfileNames.IsDockerfile(path[(path.LastIndexOf('/') + 1)..]), cancellationToken);

    public Task<IReadOnlyList<string>> FindMatchingAsync(string root, Func<string, bool> isCandidate, CancellationToken cancellationToken)
    {
        var rootInfo = new DirectoryInfo(root);
        if (!rootInfo.Exists)
        {
            throw new DirectoryNotFoundException($"No such folder: {root}");
        }

        var realRoot = RealPath(rootInfo);
        var found = new List<string>();
        Walk(rootInfo, "", realRoot, [], isCandidate, found, cancellationToken);
        found.Sort(StringComparer.Ordinal);
        return Task.FromResult<IReadOnlyList<string>>(found);
    }

    /// <summary>Largest Dockerfile read; anything bigger is reported, not loaded (real ones are a few kB).</summary>
    public const long MaxDockerfileBytes = 1024 * 1024;

    public async Task<string> ReadAsync(string root, string relativePath, CancellationToken cancellationToken)
    {
        var full = Path.Combine(root, relativePath.Replace('/', Path.DirectorySeparatorChar));
        await using var stream = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, useAsync: true);
        if (stream.Length > MaxDockerfileBytes)
        {
            throw new IOException($"{stream.Length} bytes is larger than the {MaxDockerfileBytes} byte limit for a Dockerfile");
        }

        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
    }

    private static void Walk(
        DirectoryInfo folder,
        string relativeFolder,
        string realRoot,
        IReadOnlyList<GitIgnoreRules> inheritedRules,
        Func<string, bool> isCandidate,
        List<string> found,
        CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var rules = inheritedRules;
        var gitignore = Path.Combine(folder.FullName, ".gitignore");
        if (File.Exists(gitignore))
        {
            rules = [.. inheritedRules, GitIgnoreRules.Parse(relativeFolder, File.ReadAllText(gitignore))];
        }

        var entries = folder.EnumerateFileSystemInfos("*", new EnumerationOptions
        {
            AttributesToSkip = 0,
            IgnoreInaccessible = true,
            RecurseSubdirectories = false,
            MatchType = MatchType.Simple,
        }).OrderBy(e => e.Name, StringComparer.Ordinal);

        foreach (var entry in entries)
        {
            var relative = relativeFolder.Length == 0 ? entry.Name : relativeFolder + "/" + entry.Name;
            var isLink = entry.LinkTarget is not null;
            if (entry is DirectoryInfo directory)
            {
                if (isLink || SkippedFolders.Contains(entry.Name) || IsIgnored(rules, relative, isDirectory: true))
                {
                    continue;
                }

                Walk(directory, relative, realRoot, rules, isCandidate, found, cancellationToken);
            }
            else if (isCandidate(relative)
                     && !IsIgnored(rules, relative, isDirectory: false)
                     && (!isLink || LinksInside(entry, realRoot)))
            {
                found.Add(relative);
            }
        }
    }

    private static bool IsIgnored(IReadOnlyList<GitIgnoreRules> rules, string relativePath, bool isDirectory)
    {
        // The deepest .gitignore wins; inside one file the last matching pattern wins.
        for (var i = rules.Count - 1; i >= 0; i--)
        {
            if (rules[i].Match(relativePath, isDirectory) is { } verdict)
            {
                return verdict;
            }
        }

        return false;
    }

    private static bool LinksInside(FileSystemInfo link, string realRoot)
    {
        var target = link.ResolveLinkTarget(returnFinalTarget: true);
        if (target is null || !target.Exists)
        {
            return false;
        }

        var targetFolder = Path.GetDirectoryName(target.FullName);
        var realTarget = targetFolder is null ? target.FullName : Path.Combine(RealPath(new DirectoryInfo(targetFolder)), target.Name);
        return realTarget.StartsWith(realRoot + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }

    /// <summary>The folder's path with every symbolic link along it resolved.</summary>
    private static string RealPath(DirectoryInfo folder)
    {
        var parent = folder.Parent is null ? null : RealPath(folder.Parent);
        var path = parent is null ? folder.FullName : Path.Combine(parent, folder.Name);
        var info = new DirectoryInfo(path);
        if (info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is { } target)
        {
            return RealPath(new DirectoryInfo(target.FullName));
        }

        return Path.TrimEndingDirectorySeparator(path);
    }
}

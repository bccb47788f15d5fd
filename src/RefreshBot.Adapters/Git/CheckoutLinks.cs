namespace RefreshBot.Adapters.Git;

/// <summary>
/// The last check on a materialized checkout's symbolic links: each is resolved the way the OS does (component by
/// component, following links met on the way, then <c>..</c>), and removed unless it ends inside the checkout on
/// something that exists. A lexical check of one link's text is not enough: <c>a/b/m → ../../d</c> is really one
/// level deep, so <c>a/b/m/../../../X</c> reads as <c>X</c> but is outside. Dangling links go too (a reader that
/// sees the name but cannot open it would fail the whole refresh).
/// </summary>
internal static class CheckoutLinks
{
    /// <summary>Linux's limit on links followed while resolving one path.</summary>
    private const int MaxHops = 40;

    public static void Prune(string root, CancellationToken cancellationToken)
    {
        var realRoot = Resolve(Path.GetFullPath(root), new int[1]) ?? throw new DirectoryNotFoundException("No such folder: " + root);
        var options = new EnumerationOptions { AttributesToSkip = 0, RecurseSubdirectories = true, IgnoreInaccessible = true };
        bool removed;
        do
        {
            // Removing a link can leave another one dangling: repeat until nothing changes.
            removed = false;
            foreach (var path in Directory.EnumerateFileSystemEntries(root, "*", options).ToList())
            {
                cancellationToken.ThrowIfCancellationRequested();
                var info = new FileInfo(path);
                if (info.LinkTarget is null || IsInside(Resolve(info.FullName, new int[1]), realRoot))
                {
                    continue;
                }

                info.Delete();
                removed = true;
            }
        }
        while (removed);
    }

    private static bool IsInside(string? real, string realRoot) =>
        real is not null && real.StartsWith(realRoot + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    /// <summary>The real path of an absolute <paramref name="path"/>, or null when it does not exist or loops.</summary>
    private static string? Resolve(string path, int[] hops)
    {
        var current = Path.GetPathRoot(path)!;
        foreach (var part in path[current.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? current;
                continue;
            }

            var next = Path.Combine(current, part);
            var info = new FileInfo(next);
            if (info.LinkTarget is { } target)
            {
                if (++hops[0] > MaxHops)
                {
                    return null;
                }

                var resolved = Resolve(Path.IsPathRooted(target) ? target : Path.Combine(current, target), hops);
                if (resolved is null)
                {
                    return null;
                }

                current = resolved;
            }
            else if (File.Exists(next) || Directory.Exists(next))
            {
                current = next;
            }
            else
            {
                return null;
            }
        }

        return current;
    }
}

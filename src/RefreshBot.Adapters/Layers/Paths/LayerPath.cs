namespace RefreshBot.Adapters.Layers.Paths;

/// <summary>
/// Paths inside an image's root filesystem, always relative to the image root, '/'-separated, without
/// <c>.</c> or empty components (<c>etc/os-release</c>). Nothing here touches the host's file system.
/// </summary>
internal static class LayerPath
{
    /// <summary>
    /// Normalizes a tar entry name (<c>./etc//os-release/</c> → <c>etc/os-release</c>). Returns null for names to
    /// ignore: absolute paths, any <c>..</c> component, NUL characters, and the root itself.
    /// </summary>
    public static string? NormalizeEntryName(string name)
    {
        if (name.Length == 0 || name[0] == '/' || name.Contains('\0', StringComparison.Ordinal) || name.Contains('\\', StringComparison.Ordinal))
        {
            return null;
        }

        var parts = new List<string>();
        foreach (var part in name.Split('/'))
        {
            if (part.Length == 0 || part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                return null;
            }

            parts.Add(part);
        }

        return parts.Count == 0 ? null : string.Join('/', parts);
    }

    /// <summary>
    /// Where a link at <paramref name="linkPath"/> pointing to <paramref name="target"/> leads inside the image:
    /// absolute targets start at the image root, relative ones at the link's directory, and <c>..</c> stops at
    /// the image root (as path resolution inside a container does). Null when the target is empty or is the root.
    /// </summary>
    public static string? ResolveLinkTarget(string linkPath, string target, bool relativeToParent = true)
    {
        if (target.Length == 0 || target.Contains('\0', StringComparison.Ordinal))
        {
            return null;
        }

        var parts = new List<string>();
        if (target[0] != '/' && relativeToParent)
        {
            parts.AddRange(linkPath.Split('/')[..^1]);
        }

        foreach (var part in target.Split('/'))
        {
            if (part.Length == 0 || part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (parts.Count > 0)
                {
                    parts.RemoveAt(parts.Count - 1);
                }

                continue;
            }

            parts.Add(part);
        }

        return parts.Count == 0 ? null : string.Join('/', parts);
    }

    /// <summary>The parent directory, or "" for a top-level name.</summary>
    public static string Parent(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? "" : path[..slash];
    }

    /// <summary>The last component.</summary>
    public static string FileName(string path) => path[(path.LastIndexOf('/') + 1)..];

    /// <summary>True when <paramref name="path"/> is <paramref name="directory"/> itself or lies below it.</summary>
    public static bool IsAtOrBelow(string path, string directory) =>
        path.Length == directory.Length ? path == directory : IsBelow(path, directory);

    /// <summary>True when <paramref name="path"/> lies strictly below <paramref name="directory"/> ("" is the root).</summary>
    public static bool IsBelow(string path, string directory) =>
        directory.Length == 0
            ? path.Length > 0
            : path.Length > directory.Length && path[directory.Length] == '/' && path.StartsWith(directory, StringComparison.Ordinal);
}

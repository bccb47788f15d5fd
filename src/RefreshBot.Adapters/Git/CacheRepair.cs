using LibGit2Sharp;

namespace RefreshBot.Adapters.Git;

/// <summary>
/// Keeps a damaged cache clone from failing every cycle. Called with the cache lock held — the only writer of the
/// clone is this process, under that lock — so every git <c>*.lock</c> file found is one a killed writer left behind and
/// is removed. A libgit2 failure that tells of local damage (corrupt or truncated packs, missing objects, garbage refs)
/// makes the caller discard the clone and clone again once: the clone is a cache of the remote, nothing in it is lost.
/// </summary>
internal static class CacheRepair
{
    private static readonly string[] DamageSigns =
    [
        "corrupt", "object not found", "failed to lock", "packfile", "bad pack", "invalid pack", "reference file",
        "failed to parse", "failed to read", "invalid object", "odb", "not a valid reference", "could not find repository",
    ];

    /// <summary>Removes stale <c>*.lock</c> files of the clone; returns how many there were.</summary>
    public static int RemoveStaleLocks(string gitFolder)
    {
        if (!Directory.Exists(gitFolder))
        {
            return 0;
        }

        var removed = 0;
        foreach (var file in Directory.EnumerateFiles(gitFolder, "*.lock", SearchOption.AllDirectories))
        {
            File.Delete(file);
            removed++;
        }

        return removed;
    }

    /// <summary>True when <paramref name="error"/> says the clone on disk is damaged (not the network, not the credentials).</summary>
    public static bool TellsOfDamage(LibGit2SharpException error)
    {
        var text = error.Message.ToLowerInvariant();
        return !text.Contains("status code", StringComparison.Ordinal)
            && DamageSigns.Any(sign => text.Contains(sign, StringComparison.Ordinal));
    }

    /// <summary>Deletes the clone (read-only pack files included).</summary>
    public static void Discard(string gitFolder)
    {
        if (!Directory.Exists(gitFolder))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(gitFolder, "*", SearchOption.AllDirectories))
        {
            File.SetAttributes(file, FileAttributes.Normal);
        }

        Directory.Delete(gitFolder, recursive: true);
    }
}

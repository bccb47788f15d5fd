namespace RefreshBot.Adapters.Caching;

/// <summary>Where <see cref="FileManifestCache"/> keeps its files and what it accepts.</summary>
public sealed record FileManifestCacheOptions
{
    /// <summary>The cache folder (created when missing, owner-only on Unix).</summary>
    public required string Directory { get; init; }

    /// <summary>Largest manifest kept (and read back); the registry client's manifest cap.</summary>
    public long MaxEntryBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>
    /// How long a pinned descriptor (a digest's existence in a repository) is trusted. Manifest bytes never
    /// expire (content-addressed); a pin can be deleted from a registry, and asking again costs only a HEAD.
    /// </summary>
    public TimeSpan PinnedMaxAge { get; init; } = TimeSpan.FromHours(24);
}

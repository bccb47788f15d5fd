namespace RefreshBot.Domain.Detection;

/// <summary>What the check concluded about one image reference.</summary>
public enum FreshnessStatus
{
    /// <summary>The pin is what the tag points to now (for the platform compared).</summary>
    UpToDate,

    /// <summary>The tag moved away from the pinned digest.</summary>
    Outdated,

    /// <summary>No digest pinned: the current digest is reported so drift can be seen.</summary>
    Unpinned,

    /// <summary>Not checked, with the reason (scratch, stage, unresolved variable, digest-only reference…).</summary>
    Skipped,

    /// <summary>Could not be checked: bad reference, registry failure; the reason names what failed.</summary>
    Error,
}

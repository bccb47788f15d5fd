namespace RefreshBot.Application.Fleet;

/// <summary>
/// A repository's own settings file (<c>.github/refreshbot.yml</c>, else <c>.refreshbot.yml</c>), read from the checkout
/// of its target branch at the start of each refresh and merged over the fleet's settings for it, limited to the keys
/// the fleet config allows (implemented in Host/Config). The file is untrusted: it never reaches a secret or a
/// substitution, and a mistake in it never fails the refresh — the fleet settings are used and the outcome says why.
/// </summary>
public interface IRepositoryOverrides
{
    /// <summary>
    /// <paramref name="repository"/> with the settings of its own file (in <paramref name="checkoutDirectory"/>) applied,
    /// or as it is when there is no file, overrides are disabled, or the file is invalid.
    /// </summary>
    Task<OverrideResult> ApplyAsync(TrackedRepository repository, string checkoutDirectory, CancellationToken cancellationToken);
}

/// <summary>What a repository's own settings file did this run.</summary>
/// <param name="Repository">The settings to refresh with.</param>
/// <param name="Status">Whether a file was found and applied.</param>
/// <param name="File">The file read (repository-relative, e.g. <c>.github/refreshbot.yml</c>), when one was found.</param>
/// <param name="Notices">What was ignored or wrong, each <c>file:line:column: problem</c> (never a secret).</param>
public sealed record OverrideResult(TrackedRepository Repository, OverrideStatus Status, string? File, IReadOnlyList<string> Notices)
{
    public static OverrideResult None(TrackedRepository repository) => new(repository, OverrideStatus.None, null, []);
}

public enum OverrideStatus
{
    /// <summary>No file (or overrides disabled): the fleet settings.</summary>
    None,

    /// <summary>The file was merged over the fleet settings (keys not allowed were ignored: see the notices).</summary>
    Applied,

    /// <summary>The file has errors: it was not applied at all; the fleet settings were used.</summary>
    Invalid,
}

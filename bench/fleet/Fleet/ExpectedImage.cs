using RefreshBot.Domain.Platforms;
using RefreshBot.Domain.References;
using RefreshBot.FleetBench.Images;

namespace RefreshBot.FleetBench.Fleet;

/// <summary>How a generated reference is pinned.</summary>
public enum PinKind
{
    /// <summary><c>image:tag</c>, no digest.</summary>
    Unpinned,

    /// <summary><c>image:tag@digest</c> with the tag's own digest (the index digest for a multi-platform tag).</summary>
    TagDigest,

    /// <summary><c>image:tag@digest</c> with the digest of the platform's manifest inside the tag's index.</summary>
    PlatformManifest,
}

/// <summary>How a reference was written in its Dockerfile (for the result's breakdown).</summary>
public enum ReferenceForm
{
    Literal,
    ArgDefault,
    RegistryBuildArg,
}

/// <summary>
/// One image reference the generator wrote, with everything <c>refreshbot check --format json</c> must report
/// for it. The expected status and digests are derived from what was pushed (see <see cref="Expect"/>).
/// </summary>
public sealed record ExpectedImage(
    string Path,
    int Line,
    string Instruction,
    string? Stage,
    string Host,
    FleetTag Tag,
    Platform Platform,
    PinKind Pin,
    ReferenceForm Form)
{
    /// <summary>The digest written after <c>@</c>, or null.</summary>
    public Digest? PinnedDigest => Pin switch
    {
        PinKind.TagDigest => Tag.Pinned.Digest,
        PinKind.PlatformManifest => Tag.Pinned.ForPlatform(Platform),
        _ => null,
    };

    public string Image => Host + "/" + Tag.Repository;

    public string Reference => Image + ":" + Tag.Tag + (PinnedDigest is { } digest ? "@" + digest : "");

    /// <summary>The reference as written in the Dockerfile, with the registry host replaced by <paramref name="hostText"/>.</summary>
    public string Written(string hostText) => hostText + "/" + Tag.Repository + ":" + Tag.Tag + (PinnedDigest is { } digest ? "@" + digest : "");

    /// <summary>The verdict the check must give, from the pinned content and the tag's current content.</summary>
    public Verdict Expect()
    {
        var current = Tag.Current;
        if (PinnedDigest is not { } pin)
        {
            return new Verdict("unpinned", current.Digest, IndexOnly: false);
        }

        if (Pin == PinKind.PlatformManifest)
        {
            // Like with like: a pin to a platform manifest is compared with that platform's manifest now.
            var now = current.ForPlatform(Platform)!.Value;
            return new Verdict(now == pin ? "up-to-date" : "outdated", now, IndexOnly: false);
        }

        if (pin == current.Digest)
        {
            return new Verdict("up-to-date", pin, IndexOnly: false);
        }

        if (!current.IsIndex)
        {
            return new Verdict("outdated", current.Digest, IndexOnly: false);
        }

        // The index moved: only a change of this platform's manifest makes the pin stale.
        var churnOnly = Tag.Pinned.ForPlatform(Platform) == current.ForPlatform(Platform);
        return new Verdict(churnOnly ? "up-to-date" : "outdated", current.Digest, IndexOnly: churnOnly);
    }
}

/// <summary>Status, current digest and index-churn flag expected in the report.</summary>
public sealed record Verdict(string Status, Digest CurrentDigest, bool IndexOnly);

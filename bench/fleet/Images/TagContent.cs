using RefreshBot.Domain.Platforms;
using RefreshBot.Domain.References;
using RefreshBot.Testing.Images;

namespace RefreshBot.FleetBench.Images;

/// <summary>What a tag points at, at one moment: a single-platform manifest or a multi-platform index.</summary>
public sealed record TagContent(PushedManifest? Manifest, PushedIndex? Index)
{
    public static TagContent Of(PushedManifest manifest) => new(manifest, null);

    public static TagContent Of(PushedIndex index) => new(null, index);

    public bool IsIndex => Index is not null;

    /// <summary>The tag's digest: the index digest for a multi-platform tag.</summary>
    public Digest Digest => Index?.Digest ?? Manifest!.Digest;

    /// <summary>The manifest a build for <paramref name="platform"/> uses (a single manifest serves every platform).</summary>
    public Digest? ForPlatform(Platform platform) =>
        Index is { } index ? index.Children.FirstOrDefault(c => c.Platform == platform)?.Digest : Manifest!.Digest;
}

/// <summary>How a tag changed after the fleet's pins were written.</summary>
public enum TagChange
{
    /// <summary>Same content: pins to it stay current.</summary>
    None,

    /// <summary>New content under the same tag: pins to the old content are stale.</summary>
    Moved,

    /// <summary>New index digest, same linux/amd64 manifest (other platforms rebuilt).</summary>
    IndexChurn,
}

/// <summary>One <c>repository:tag</c> of the synthetic registry: its content when pinned and now.</summary>
public sealed class FleetTag(string repository, string tag, TagContent pinned)
{
    public string Repository { get; } = repository;

    public string Tag { get; } = tag;

    /// <summary>The content the fleet's pins were written against.</summary>
    public TagContent Pinned { get; } = pinned;

    /// <summary>The content at check time.</summary>
    public TagContent Current { get; private set; } = pinned;

    public TagChange Change { get; private set; }

    public bool IsMultiPlatform => Pinned.IsIndex;

    public string Name => Repository + ":" + Tag;

    public void ChangeTo(TagContent current, TagChange change)
    {
        Current = current;
        Change = change;
    }

    public override string ToString() => Name;
}

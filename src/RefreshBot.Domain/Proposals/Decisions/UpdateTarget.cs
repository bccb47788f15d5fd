namespace RefreshBot.Domain.Proposals.Decisions;

/// <summary>
/// What one update of a proposal aims at: in <see cref="Dockerfile"/>, image <see cref="Image"/> (normalized name)
/// at <see cref="Tag"/> goes to <see cref="ToDigest"/>. Two proposals with the same set of targets propose the same
/// change, whatever their text says.
/// </summary>
/// <param name="Dockerfile">Repository-relative path, forward slashes.</param>
/// <param name="Image">Normalized image name, e.g. <c>docker.io/library/node</c>.</param>
/// <param name="Tag">Tag followed.</param>
/// <param name="ToDigest">Digest proposed (<c>sha256:…</c>).</param>
public sealed record UpdateTarget(string Dockerfile, string Image, string Tag, string ToDigest)
{
    /// <summary>The place and image, whatever the digest: what a newer digest replaces.</summary>
    public (string Dockerfile, string Image) Slot => (Dockerfile, Image);

    public override string ToString() => $"{Dockerfile}: {Image}:{Tag}@{ToDigest}";
}

/// <summary>Set comparisons of targets (order and duplicates do not matter).</summary>
public static class UpdateTargets
{
    public static bool SameAs(this IReadOnlyCollection<UpdateTarget> left, IReadOnlyCollection<UpdateTarget> right) =>
        left.ToHashSet().SetEquals(right);

    public static bool SharesSlotWith(this IReadOnlyCollection<UpdateTarget> left, IReadOnlyCollection<UpdateTarget> right)
    {
        var slots = left.Select(t => t.Slot).ToHashSet();
        return right.Any(t => slots.Contains(t.Slot));
    }
}

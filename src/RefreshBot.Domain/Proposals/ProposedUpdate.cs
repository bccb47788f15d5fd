using RefreshBot.Domain.References;

namespace RefreshBot.Domain.Proposals;

/// <summary>
/// One reference a pull request changes.
/// </summary>
/// <param name="Dockerfile">Repository-relative path, forward slashes.</param>
/// <param name="Line">1-based line of the reference's text (the ARG's line for a reference from an ARG default).</param>
/// <param name="Image">Normalized image name, e.g. <c>docker.io/library/node</c>.</param>
/// <param name="Tag">The tag followed, or null.</param>
/// <param name="From">The digest pinned now; null when the reference is unpinned (the update pins it).</param>
/// <param name="To">The new digest.</param>
/// <param name="Platform">Platform(s) compared, e.g. <c>linux/amd64</c> or <c>linux/amd64, linux/arm64</c>.</param>
/// <param name="FirstSeen">When the bot first saw <paramref name="To"/> behind the tag (UTC), when known.</param>
public sealed record ProposedUpdate(
    string Dockerfile,
    int Line,
    string Image,
    string? Tag,
    Digest? From,
    Digest To,
    string Platform,
    DateTimeOffset? FirstSeen = null)
{
    /// <summary>True when the update pins an unpinned reference rather than moving a pin.</summary>
    public bool IsPin => From is null;

    /// <summary>The short name people write: <c>node</c>, <c>grafana/grafana</c>, <c>ghcr.io/org/app</c>.</summary>
    public string FamiliarName
        => ImageReference.TryParse(Image, out var reference, out _) ? reference!.FamiliarName : Image;

    /// <summary><c>node:20-alpine</c>, or the familiar name alone when there is no tag.</summary>
    public string FamiliarTagged => Tag is null ? FamiliarName : FamiliarName + ":" + Tag;
}

/// <summary>How updates are grouped into pull requests (mirrors the fleet config's grouping; the domain does not see it).</summary>
public enum ProposalGrouping
{
    /// <summary>One rolling pull request per repository.</summary>
    Repository,
    /// <summary>One pull request per Dockerfile.</summary>
    Dockerfile,
    /// <summary>One pull request per image name (all its tags), across Dockerfiles.</summary>
    Image,
}

/// <summary>A group of updates and the branch its pull request lives on.</summary>
/// <param name="Kind">The grouping that produced it.</param>
/// <param name="Key">What groups the updates: <c>base-images</c>, the Dockerfile path, or the familiar image name.</param>
/// <param name="Branch">A valid git branch name, <c>refreshbot/…</c>.</param>
public sealed record ProposalGroup(ProposalGrouping Kind, string Key, string Branch);

/// <summary>One pull request's worth of updates (in the order given: Dockerfile, then line, by <see cref="ProposalGroups.Partition"/>).</summary>
public sealed record Proposal(ProposalGroup Group, IReadOnlyList<ProposedUpdate> Updates)
{
    /// <summary>True when every update pins an unpinned reference.</summary>
    public bool IsPinOnly => Updates.Count > 0 && Updates.All(u => u.IsPin);
}

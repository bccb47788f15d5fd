using RefreshBot.Domain.Proposals;
using RefreshBot.Domain.Proposals.Decisions;
using RefreshBot.Domain.Rewriting;

namespace RefreshBot.Application.Refresh.Planning;

/// <summary>One update the repository should get: what the pull request says, and the edit that makes it.</summary>
public sealed record PlannedUpdate(ProposedUpdate Update, ReferenceEdit Edit)
{
    public UpdateTarget Target => new(Update.Dockerfile, Update.Image, Update.Tag ?? "", Update.To.ToString());
}

/// <summary>An image use the bot reports but does not change, and why.</summary>
public sealed record LeftAlone(string Dockerfile, int Line, string? Reference, string Reason)
{
    /// <summary>What kind of "left alone" it is (the dashboard issue sorts them by it).</summary>
    public LeftAloneKind Kind { get; init; } = LeftAloneKind.Pending;

    /// <summary>For a soaking digest: when it is old enough to be proposed; else null.</summary>
    public DateTimeOffset? SoakingUntil { get; init; }
}

/// <summary>Why an image use was left alone, in kind.</summary>
public enum LeftAloneKind
{
    /// <summary>An update exists but waits: soaking, outside the PR window, ignored by policy, only reported, index churn.</summary>
    Pending,

    /// <summary>Nothing to follow (e.g. pinned by digest only).</summary>
    Skipped,

    /// <summary>Something is wrong: the reference or its registry answer could not be read, or the rewrite refused it.</summary>
    Failed,
}

/// <summary>What the policies made of a repository's findings.</summary>
public sealed record UpdatePlan(IReadOnlyList<PlannedUpdate> Updates, IReadOnlyList<LeftAlone> LeftAlone)
{
    /// <summary>Updates held back by the soak period (also in <see cref="LeftAlone"/>): an open proposal of their group is kept as it is.</summary>
    public IReadOnlyList<ProposedUpdate> Soaking { get; init; } = [];
}

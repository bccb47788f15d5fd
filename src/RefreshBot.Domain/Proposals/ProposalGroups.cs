namespace RefreshBot.Domain.Proposals;

/// <summary>
/// Which pull request an update belongs to, and that pull request's branch:
/// <list type="bullet">
/// <item><see cref="ProposalGrouping.Repository"/>: one group <c>base-images</c>, branch <c>refreshbot/base-images</c>;</item>
/// <item><see cref="ProposalGrouping.Dockerfile"/>: branch <c>refreshbot/dockerfile/&lt;path&gt;</c>;</item>
/// <item><see cref="ProposalGrouping.Image"/>: branch <c>refreshbot/image/&lt;familiar name&gt;</c> (all tags of the image).</item>
/// </list>
/// </summary>
public static class ProposalGroups
{
    public const string RepositoryKey = "base-images";

    public static ProposalGroup GroupOf(ProposalGrouping kind, ProposedUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        return kind switch
        {
            ProposalGrouping.Repository => Repository,
            ProposalGrouping.Dockerfile => new ProposalGroup(kind, update.Dockerfile, BranchNames.For("dockerfile", update.Dockerfile)),
            ProposalGrouping.Image => new ProposalGroup(kind, update.FamiliarName, BranchNames.For("image", update.FamiliarName)),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown grouping"),
        };
    }

    /// <summary>The single group of <see cref="ProposalGrouping.Repository"/>.</summary>
    public static ProposalGroup Repository { get; } = new(ProposalGrouping.Repository, RepositoryKey, BranchNames.For(null, RepositoryKey));

    /// <summary>
    /// Splits updates into proposals, ordered by branch; inside each, updates ordered by Dockerfile (ordinal) then line,
    /// with exact duplicates removed. Deterministic: the same updates give the same proposals.
    /// </summary>
    public static IReadOnlyList<Proposal> Partition(ProposalGrouping kind, IEnumerable<ProposedUpdate> updates)
    {
        ArgumentNullException.ThrowIfNull(updates);
        return updates
            .Distinct()
            .GroupBy(u => GroupOf(kind, u))
            .OrderBy(g => g.Key.Branch, StringComparer.Ordinal)
            .Select(g => new Proposal(g.Key, Order(g).ToList()))
            .ToList();
    }

    private static IEnumerable<ProposedUpdate> Order(IEnumerable<ProposedUpdate> updates)
        => updates
            .OrderBy(u => u.Dockerfile, StringComparer.Ordinal)
            .ThenBy(u => u.Line)
            .ThenBy(u => u.Image, StringComparer.Ordinal)
            .ThenBy(u => u.To.ToString(), StringComparer.Ordinal);
}

namespace RefreshBot.Domain.Proposals.Decisions;

/// <summary>State of a pull request as the bot sees it.</summary>
public enum ProposalStatus
{
    Open,
    Merged,
    /// <summary>A person closed it without merging.</summary>
    ClosedUnmerged,
}

/// <summary>One existing pull request for the group's branch.</summary>
/// <param name="Number">Its number.</param>
/// <param name="Status">Open, merged or closed unmerged.</param>
/// <param name="Targets">What its hidden state block says it proposes; null when the block is missing or unreadable.</param>
/// <param name="Title">Current title.</param>
/// <param name="Body">Current body.</param>
/// <param name="CommentedOnForeignCommits">The bot already said it stopped rewriting the branch.</param>
/// <param name="ClosedByBot">The bot itself closed it (obsolete or superseded): not a person's refusal.</param>
public sealed record ExistingProposal(
    int Number,
    ProposalStatus Status,
    IReadOnlyList<UpdateTarget>? Targets,
    string Title,
    string Body,
    bool CommentedOnForeignCommits = false,
    bool ClosedByBot = false);

/// <summary>The bot's branch as it is on the remote.</summary>
/// <param name="Exists">The branch exists.</param>
/// <param name="BaseSha">Where it starts from the target branch (parent of the bot's commit).</param>
/// <param name="HasForeignCommits">Someone other than the bot committed on it.</param>
public sealed record BranchSnapshot(bool Exists, string? BaseSha, bool HasForeignCommits)
{
    public static readonly BranchSnapshot Missing = new(false, null, false);
}

/// <summary>What the proposal of one group would be now, rendered.</summary>
/// <param name="Targets">Updates still to propose (after <see cref="ProposalRules.Screen"/>); may be empty.</param>
/// <param name="Title">Title the pull request should have.</param>
/// <param name="Body">Body the pull request should have (with its hidden state block).</param>
public sealed record DesiredProposal(IReadOnlyList<UpdateTarget> Targets, string Title, string Body);

/// <summary>Everything <see cref="ProposalRules.Decide"/> looks at for one group.</summary>
/// <param name="Desired">The proposal wanted now.</param>
/// <param name="Rejected">Updates left out because a person closed a proposal of them (see <see cref="ProposalRules.Screen"/>).</param>
/// <param name="Branch">The bot's branch.</param>
/// <param name="TargetHead">Current head of the target branch.</param>
/// <param name="PullRequests">Pull requests for the branch, newest first.</param>
/// <param name="Replacements">For an empty group: where its updates went (the pull requests now holding them).</param>
public sealed record ProposalSituation(
    DesiredProposal Desired,
    IReadOnlyList<UpdateTarget> Rejected,
    BranchSnapshot Branch,
    string TargetHead,
    IReadOnlyList<ExistingProposal> PullRequests,
    IReadOnlyList<Replacement> Replacements)
{
    public ExistingProposal? Open => PullRequests.FirstOrDefault(p => p.Status == ProposalStatus.Open);
}

/// <summary>A pull request that now holds updates an older one proposed.</summary>
public sealed record Replacement(int Number, string Title, string Url);

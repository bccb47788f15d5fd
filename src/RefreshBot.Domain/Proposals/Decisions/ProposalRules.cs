namespace RefreshBot.Domain.Proposals.Decisions;

/// <summary>Which updates survive what people did with earlier proposals.</summary>
/// <param name="Remaining">Still to propose.</param>
/// <param name="Rejected">Left out: a person closed a proposal of them without merging.</param>
public sealed record Screening(IReadOnlyList<UpdateTarget> Remaining, IReadOnlyList<UpdateTarget> Rejected);

/// <summary>
/// The pull request lifecycle, pure: given what should be proposed for a group and what exists (branch, pull
/// requests with their recorded state), the one thing to do. Applying a decision and deciding again yields
/// <see cref="ProposalDecision.NoChange"/>, so a cycle that fails half-way converges on the next one.
/// </summary>
public static class ProposalRules
{
    /// <summary>
    /// Leaves out every update a person already turned down: one with the same target digest as an update of a
    /// pull request closed without merging; and, when <paramref name="proposeAfterClosed"/> is false, any update of
    /// the same Dockerfile and image as one (a newer digest is not proposed again either).
    /// </summary>
    public static Screening Screen(IReadOnlyList<UpdateTarget> wanted, IReadOnlyList<ExistingProposal> pullRequests, bool proposeAfterClosed)
    {
        var closed = pullRequests
            .Where(p => p.Status == ProposalStatus.ClosedUnmerged && !p.ClosedByBot && p.Targets is not null)
            .SelectMany(p => p.Targets!)
            .ToList();
        var closedTargets = closed.ToHashSet();
        var closedSlots = closed.Select(t => t.Slot).ToHashSet();
        bool Turned(UpdateTarget t) => closedTargets.Contains(t) || (!proposeAfterClosed && closedSlots.Contains(t.Slot));
        return new Screening(wanted.Where(t => !Turned(t)).ToList(), wanted.Where(Turned).ToList());
    }

    public static ProposalDecision Decide(ProposalSituation situation)
    {
        var open = situation.Open;
        var desired = situation.Desired;

        // A person's commits are never overwritten while they may still be wanted: on the open proposal's branch, or
        // on a branch no proposal ever came from. After a proposal was merged or closed, the branch is the bot's again.
        if (situation.Branch is { Exists: true, HasForeignCommits: true } && (open is not null || situation.PullRequests.Count == 0))
        {
            return new ProposalDecision.StopForeignCommits(open?.Number, open is { CommentedOnForeignCommits: false });
        }

        if (desired.Targets.Count == 0)
        {
            return DecideEmpty(situation, open);
        }

        if (open is null)
        {
            return new ProposalDecision.Create();
        }

        if (!situation.Branch.Exists || open.Targets is null || !open.Targets.SameAs(desired.Targets))
        {
            return situation.Branch.Exists && situation.Branch.BaseSha != situation.TargetHead
                ? new ProposalDecision.RecreateOnNewBase(open.Number)
                : new ProposalDecision.UpdateBranchAndBody(open.Number);
        }

        if (situation.Branch.BaseSha != situation.TargetHead)
        {
            return new ProposalDecision.RecreateOnNewBase(open.Number);
        }

        return open.Title == desired.Title && open.Body == desired.Body
            ? new ProposalDecision.NoChange(open.Number)
            : new ProposalDecision.UpdateBodyOnly(open.Number);
    }

    private static ProposalDecision DecideEmpty(ProposalSituation situation, ExistingProposal? open)
    {
        if (open is not null)
        {
            return situation.Replacements.Count > 0
                ? new ProposalDecision.CloseSuperseded(open.Number, situation.Replacements)
                : new ProposalDecision.CloseObsolete(open.Number);
        }

        if (situation.Rejected.Count > 0
            && situation.PullRequests.FirstOrDefault(p => p.Status == ProposalStatus.ClosedUnmerged && !p.ClosedByBot) is { } closed)
        {
            return new ProposalDecision.SkipClosedByPerson(closed.Number);
        }

        return new ProposalDecision.NoChange(null);
    }
}

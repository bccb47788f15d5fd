using RefreshBot.Domain.Proposals.Decisions;

namespace RefreshBot.Domain.Tests.Proposals.Decisions;

/// <summary>
/// A readable model of one group's branch and pull requests that applies decisions the way the refresh does,
/// so tests can assert that deciding again after applying a decision yields no change.
/// </summary>
internal sealed class ProposalWorld
{
    private int _next = 1;

    public BranchSnapshot Branch { get; set; } = BranchSnapshot.Missing;

    public string TargetHead { get; set; } = "head-1";

    public List<ExistingProposal> PullRequests { get; } = [];

    public int Pushes { get; private set; }

    public int Edits { get; private set; }

    public int Comments { get; private set; }

    public ProposalSituation Situation(DesiredProposal wanted, bool proposeAfterClosed = true, params Replacement[] replacements)
    {
        var screening = ProposalRules.Screen(wanted.Targets, PullRequests, proposeAfterClosed);
        return new ProposalSituation(
            wanted with { Targets = screening.Remaining }, screening.Rejected, Branch, TargetHead,
            PullRequests.OrderByDescending(p => p.Number).ToList(), replacements);
    }

    public ProposalDecision Decide(DesiredProposal wanted, bool proposeAfterClosed = true, params Replacement[] replacements) =>
        ProposalRules.Decide(Situation(wanted, proposeAfterClosed, replacements));

    /// <summary>Decides and applies; returns the decision.</summary>
    public ProposalDecision Step(DesiredProposal wanted, bool proposeAfterClosed = true, params Replacement[] replacements)
    {
        var situation = Situation(wanted, proposeAfterClosed, replacements);
        var decision = ProposalRules.Decide(situation);
        Apply(decision, situation.Desired);
        return decision;
    }

    public void Apply(ProposalDecision decision, DesiredProposal desired)
    {
        switch (decision)
        {
            case ProposalDecision.Create:
                Push();
                PullRequests.Add(new ExistingProposal(_next++, ProposalStatus.Open, desired.Targets, desired.Title, desired.Body));
                break;
            case ProposalDecision.UpdateBranchAndBody u:
                Push();
                Edit(u.Number, desired);
                break;
            case ProposalDecision.RecreateOnNewBase r:
                Push();
                Edit(r.Number, desired);
                break;
            case ProposalDecision.UpdateBodyOnly b:
                Edit(b.Number, desired);
                break;
            case ProposalDecision.StopForeignCommits { Comment: true, Number: { } n }:
                Comments++;
                Replace(n, p => p with { CommentedOnForeignCommits = true });
                break;
            case ProposalDecision.CloseObsolete c:
                Comments++;
                Replace(c.Number, p => p with { Status = ProposalStatus.ClosedUnmerged, ClosedByBot = true });
                break;
            case ProposalDecision.CloseSuperseded s:
                Comments++;
                Replace(s.Number, p => p with { Status = ProposalStatus.ClosedUnmerged, ClosedByBot = true });
                break;
        }
    }

    public void PersonCloses(int number) => Replace(number, p => p with { Status = ProposalStatus.ClosedUnmerged });

    public void PersonMerges(int number) => Replace(number, p => p with { Status = ProposalStatus.Merged });

    public void PersonCommits() => Branch = Branch with { HasForeignCommits = true };

    private void Push()
    {
        Pushes++;
        Branch = new BranchSnapshot(true, TargetHead, false);
    }

    private void Edit(int number, DesiredProposal desired)
    {
        Edits++;
        Replace(number, p => p with { Targets = desired.Targets, Title = desired.Title, Body = desired.Body });
    }

    private void Replace(int number, Func<ExistingProposal, ExistingProposal> change)
    {
        var index = PullRequests.FindIndex(p => p.Number == number);
        PullRequests[index] = change(PullRequests[index]);
    }
}

using RefreshBot.Domain.Proposals.Decisions;

namespace RefreshBot.Domain.Tests.Proposals.Decisions;

public class ProposalRulesTests
{
    private static readonly UpdateTarget NodeA = new("Dockerfile", "docker.io/library/node", "22", "sha256:aaaa");
    private static readonly UpdateTarget NodeB = NodeA with { ToDigest = "sha256:bbbb" };
    private static readonly UpdateTarget NodeC = NodeA with { ToDigest = "sha256:cccc" };
    private static readonly UpdateTarget Golang = new("build/Dockerfile", "docker.io/library/golang", "1.23", "sha256:1111");

    private static readonly Replacement Seven = new(7, "Refresh base images: node:22", "https://github.example/acme/app/pull/7");

    private static DesiredProposal Wanted(params UpdateTarget[] targets) =>
        new(targets, "Refresh base images: " + string.Join(", ", targets.Select(t => t.Image + ":" + t.Tag)), "body " + string.Join(";", targets));

    [Fact]
    public void Nothing_to_propose_and_nothing_open_is_no_change()
    {
        var world = new ProposalWorld();

        Assert.Equal(new ProposalDecision.NoChange(null), world.Decide(Wanted()));
    }

    [Fact]
    public void First_update_creates_a_proposal_and_deciding_again_changes_nothing()
    {
        var world = new ProposalWorld();

        Assert.IsType<ProposalDecision.Create>(world.Step(Wanted(NodeA)));
        Assert.Equal(new ProposalDecision.NoChange(1), world.Step(Wanted(NodeA)));
        Assert.Equal((1, 0), (world.Pushes, world.Edits));
    }

    [Fact]
    public void Target_order_does_not_matter()
    {
        var world = new ProposalWorld();
        world.Step(Wanted(NodeA, Golang));

        var again = Wanted(Golang, NodeA) with { Title = world.PullRequests[0].Title, Body = world.PullRequests[0].Body };

        Assert.Equal(new ProposalDecision.NoChange(1), world.Decide(again));
    }

    [Fact]
    public void Newer_digest_while_open_updates_branch_and_body_of_the_same_proposal()
    {
        var world = new ProposalWorld();
        world.Step(Wanted(NodeA));

        Assert.Equal(new ProposalDecision.UpdateBranchAndBody(1), world.Step(Wanted(NodeB)));
        Assert.Equal(new ProposalDecision.NoChange(1), world.Step(Wanted(NodeB)));
        Assert.Single(world.PullRequests);
    }

    [Fact]
    public void Same_targets_with_new_text_updates_the_body_only()
    {
        var world = new ProposalWorld();
        world.Step(Wanted(NodeA));

        var reworded = Wanted(NodeA) with { Body = "first seen: yesterday" };

        Assert.Equal(new ProposalDecision.UpdateBodyOnly(1), world.Step(reworded));
        Assert.Equal(1, world.Pushes);
        Assert.Equal(new ProposalDecision.NoChange(1), world.Step(reworded));
    }

    [Fact]
    public void Target_branch_moved_recreates_the_bots_branch_on_the_new_head()
    {
        var world = new ProposalWorld();
        world.Step(Wanted(NodeA));
        world.TargetHead = "head-2";

        Assert.Equal(new ProposalDecision.RecreateOnNewBase(1), world.Step(Wanted(NodeA)));
        Assert.Equal("head-2", world.Branch.BaseSha);
        Assert.Equal(new ProposalDecision.NoChange(1), world.Step(Wanted(NodeA)));
    }

    [Fact]
    public void Target_moved_and_newer_digest_is_one_recreate()
    {
        var world = new ProposalWorld();
        world.Step(Wanted(NodeA));
        world.TargetHead = "head-2";

        Assert.Equal(new ProposalDecision.RecreateOnNewBase(1), world.Step(Wanted(NodeB)));
        Assert.Equal(NodeB, Assert.Single(world.PullRequests[0].Targets!));
    }

    [Fact]
    public void Deleted_branch_under_an_open_proposal_is_published_again()
    {
        var world = new ProposalWorld();
        world.Step(Wanted(NodeA));
        world.Branch = BranchSnapshot.Missing;

        Assert.Equal(new ProposalDecision.UpdateBranchAndBody(1), world.Step(Wanted(NodeA)));
        Assert.True(world.Branch.Exists);
    }

    [Fact]
    public void Unreadable_hidden_state_is_treated_as_stale_and_rewritten()
    {
        var world = new ProposalWorld();
        world.Step(Wanted(NodeA));
        world.PullRequests[0] = world.PullRequests[0] with { Targets = null, Body = "edited by a person" };

        Assert.Equal(new ProposalDecision.UpdateBranchAndBody(1), world.Step(Wanted(NodeA)));
        Assert.Equal(new ProposalDecision.NoChange(1), world.Step(Wanted(NodeA)));
    }

    [Fact]
    public void Person_closed_without_merging_is_never_recreated_for_the_same_digests()
    {
        var world = new ProposalWorld();
        world.Step(Wanted(NodeA));
        world.PersonCloses(1);

        Assert.Equal(new ProposalDecision.SkipClosedByPerson(1), world.Step(Wanted(NodeA)));
        Assert.Equal(new ProposalDecision.SkipClosedByPerson(1), world.Step(Wanted(NodeA)));
        Assert.Single(world.PullRequests);
    }

    [Fact]
    public void Newer_digest_after_a_person_closed_is_proposed_again_by_default()
    {
        var world = new ProposalWorld();
        world.Step(Wanted(NodeA));
        world.PersonCloses(1);

        Assert.IsType<ProposalDecision.Create>(world.Step(Wanted(NodeB)));
        Assert.Equal(2, world.PullRequests.Count);
        Assert.Equal(new ProposalDecision.NoChange(2), world.Step(Wanted(NodeB)));
    }

    [Fact]
    public void Newer_digest_after_a_person_closed_is_not_proposed_when_the_policy_says_so()
    {
        var world = new ProposalWorld();
        world.Step(Wanted(NodeA));
        world.PersonCloses(1);

        Assert.Equal(new ProposalDecision.SkipClosedByPerson(1), world.Step(Wanted(NodeC), proposeAfterClosed: false));
    }

    [Fact]
    public void Screening_keeps_updates_nobody_refused()
    {
        var closed = new ExistingProposal(1, ProposalStatus.ClosedUnmerged, [NodeA], "t", "b");

        var screening = ProposalRules.Screen([NodeA, Golang], [closed], proposeAfterClosed: true);

        Assert.Equal([Golang], screening.Remaining);
        Assert.Equal([NodeA], screening.Rejected);
    }

    [Fact]
    public void Proposals_the_bot_closed_itself_do_not_count_as_refusals()
    {
        var closedByBot = new ExistingProposal(1, ProposalStatus.ClosedUnmerged, [NodeA], "t", "b", ClosedByBot: true);

        Assert.Equal([NodeA], ProposalRules.Screen([NodeA], [closedByBot], proposeAfterClosed: false).Remaining);
    }

    [Fact]
    public void Merged_proposal_then_a_newer_digest_creates_a_new_proposal_on_the_reused_branch()
    {
        var world = new ProposalWorld();
        world.Step(Wanted(NodeA));
        world.PersonMerges(1);
        world.TargetHead = "head-2";

        Assert.IsType<ProposalDecision.Create>(world.Step(Wanted(NodeB)));
        Assert.Equal("head-2", world.Branch.BaseSha);
    }

    [Fact]
    public void Person_commit_on_the_branch_stops_rewriting_and_comments_once()
    {
        var world = new ProposalWorld();
        world.Step(Wanted(NodeA));
        world.PersonCommits();

        Assert.Equal(new ProposalDecision.StopForeignCommits(1, Comment: true), world.Step(Wanted(NodeB)));
        Assert.Equal(new ProposalDecision.StopForeignCommits(1, Comment: false), world.Step(Wanted(NodeB)));
        world.TargetHead = "head-2";
        Assert.Equal(new ProposalDecision.StopForeignCommits(1, Comment: false), world.Step(Wanted(NodeC)));
        Assert.Equal((1, 0, 1), (world.Pushes, world.Edits, world.Comments));
    }

    [Fact]
    public void Branch_a_person_made_without_any_proposal_is_not_touched()
    {
        var world = new ProposalWorld { Branch = new BranchSnapshot(true, "head-1", HasForeignCommits: true) };

        Assert.Equal(new ProposalDecision.StopForeignCommits(null, Comment: false), world.Step(Wanted(NodeA)));
        Assert.Equal(0, world.Pushes);
    }

    [Fact]
    public void Foreign_commits_left_on_a_merged_proposals_branch_do_not_block_the_next_one()
    {
        var world = new ProposalWorld();
        world.Step(Wanted(NodeA));
        world.PersonCommits();
        world.PersonMerges(1);

        Assert.IsType<ProposalDecision.Create>(world.Step(Wanted(NodeB)));
    }

    [Fact]
    public void Nothing_left_to_propose_closes_the_open_proposal_once()
    {
        var world = new ProposalWorld();
        world.Step(Wanted(NodeA));

        Assert.Equal(new ProposalDecision.CloseObsolete(1), world.Step(Wanted()));
        Assert.Equal(new ProposalDecision.NoChange(null), world.Step(Wanted()));
        Assert.Equal(1, world.Comments);
    }

    [Fact]
    public void Updates_moved_to_another_group_close_the_old_proposal_pointing_to_the_new_one()
    {
        var world = new ProposalWorld();
        world.Step(Wanted(NodeA));

        var decision = world.Step(Wanted(), replacements: Seven);

        Assert.Equal(1, Assert.IsType<ProposalDecision.CloseSuperseded>(decision).Number);
        Assert.Equal([Seven], ((ProposalDecision.CloseSuperseded)decision).ReplacedBy);
        Assert.Equal(new ProposalDecision.NoChange(null), world.Step(Wanted(), replacements: Seven));
    }

    [Fact]
    public void Superseded_proposal_closed_by_the_bot_does_not_block_the_same_digests_later()
    {
        var world = new ProposalWorld();
        world.Step(Wanted(NodeA));
        world.Step(Wanted(), replacements: Seven);

        Assert.IsType<ProposalDecision.Create>(world.Step(Wanted(NodeA)));
    }

    [Fact]
    public void Shared_slot_finds_where_an_update_went_whatever_the_digest()
    {
        Assert.True(new[] { NodeA }.SharesSlotWith([NodeB, Golang]));
        Assert.False(new[] { NodeA }.SharesSlotWith([Golang]));
    }

    public static TheoryData<string> Histories => new() { "c", "cb", "cbt", "ctb", "cx", "cxn", "cm", "cmn", "cf", "cfn", "ct", "cd" };

    /// <summary>
    /// Idempotence over many histories: after each decision is applied, deciding again with the same wanted
    /// proposal yields no change, a skip or a stop without a second comment — never another write.
    /// </summary>
    [Theory]
    [MemberData(nameof(Histories))]
    public void Deciding_again_after_applying_never_writes_again(string history)
    {
        var world = new ProposalWorld();
        var wanted = Wanted(NodeA);
        foreach (var step in history)
        {
            switch (step)
            {
                case 'c': world.Step(wanted); break;
                case 'b': wanted = Wanted(NodeB); world.Step(wanted); break;
                case 'n': wanted = Wanted(NodeC); world.Step(wanted); break;
                case 't': world.TargetHead += "'"; world.Step(wanted); break;
                case 'x': world.PersonCloses(world.PullRequests[^1].Number); world.Step(wanted); break;
                case 'm': world.PersonMerges(world.PullRequests[^1].Number); world.Step(wanted); break;
                case 'f': world.PersonCommits(); world.Step(wanted); break;
                case 'd': wanted = Wanted(); world.Step(wanted); break;
            }
        }

        var (pushes, edits, comments, count) = (world.Pushes, world.Edits, world.Comments, world.PullRequests.Count);
        var again = world.Step(wanted);

        Assert.True(
            again is ProposalDecision.NoChange or ProposalDecision.SkipClosedByPerson or ProposalDecision.StopForeignCommits { Comment: false }
                || (again is ProposalDecision.Create && history.EndsWith('m')),
            $"{history}: {again}");
        if (!history.EndsWith('m'))
        {
            Assert.Equal((pushes, edits, comments, count), (world.Pushes, world.Edits, world.Comments, world.PullRequests.Count));
        }
    }
}

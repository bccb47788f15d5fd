using RefreshBot.Domain.Proposals;

namespace RefreshBot.Domain.Tests.Proposals;

public sealed class ProposalCommentsTests
{
    [Fact]
    public void Superseded_points_to_the_replacement()
    {
        var comment = ProposalComments.Superseded(12, "Refresh base images: node:22");

        Assert.StartsWith("Superseded by #12: Refresh base images: node:22.\n\n#12 proposes newer digests", comment, StringComparison.Ordinal);
        Assert.Equal(ProposalCommentKind.Superseded, ProposalComments.KindOf(comment));
    }

    [Fact]
    public void Human_commits_notice_names_the_branch_and_short_commits()
    {
        var commits = Enumerable.Range(0, 12).Select(i => $"{i:x2}3456789abcdef0123456789abcdef01234567").ToList();

        var comment = ProposalComments.HumanCommits("refreshbot/base-images", commits);

        Assert.StartsWith("I will stop updating this branch because someone else pushed commits to `refreshbot/base-images` (`003456789abc`, `013456789abc`,", comment, StringComparison.Ordinal);
        Assert.Contains("`093456789abc` and 2 more).", comment, StringComparison.Ordinal);
        Assert.DoesNotContain("0a3456789abc", comment, StringComparison.Ordinal);
        Assert.Equal(ProposalCommentKind.HumanCommits, ProposalComments.KindOf(comment));
    }

    [Fact]
    public void Rebased_says_where_the_branch_now_starts()
    {
        var comment = ProposalComments.Rebased("main", "abcdef0123456789abcdef0123456789abcdef01");

        Assert.StartsWith("The target branch `main` moved, so I recreated this branch on top of `abcdef012345` with the same digest changes.", comment, StringComparison.Ordinal);
        Assert.Equal(ProposalCommentKind.Rebased, ProposalComments.KindOf(comment));
    }

    [Fact]
    public void Already_posted_recognises_only_the_bots_own_marker()
    {
        var posted = new[] { "LGTM", ProposalComments.Rebased("main", "abc"), "I will stop updating this branch (quoted by a person)" };

        Assert.True(ProposalComments.AlreadyPosted(posted, ProposalCommentKind.Rebased));
        Assert.False(ProposalComments.AlreadyPosted(posted, ProposalCommentKind.HumanCommits));
        Assert.Null(ProposalComments.KindOf("LGTM"));
        Assert.Null(ProposalComments.KindOf(null));
    }
}

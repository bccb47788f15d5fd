using System.Diagnostics;
using RefreshBot.Domain.Proposals;

namespace RefreshBot.Domain.Tests.Proposals;

public sealed class ProposalGroupsTests
{
    [Fact]
    public void Repository_grouping_puts_everything_on_refreshbot_base_images()
    {
        var proposals = ProposalGroups.Partition(ProposalGrouping.Repository, [Samples.Node("b/Dockerfile"), Samples.GoPin("a/Dockerfile"), Samples.Node("b/Dockerfile")]);

        var proposal = Assert.Single(proposals);
        Assert.Equal(new ProposalGroup(ProposalGrouping.Repository, "base-images", "refreshbot/base-images"), proposal.Group);
        Assert.Equal(["a/Dockerfile", "b/Dockerfile"], proposal.Updates.Select(u => u.Dockerfile));
    }

    [Fact]
    public void Dockerfile_grouping_gives_one_branch_per_path()
    {
        var proposals = ProposalGroups.Partition(ProposalGrouping.Dockerfile, [Samples.Node("services/api/Dockerfile", 9), Samples.GoPin("Dockerfile"), Samples.Node("services/api/Dockerfile", 2)]);

        Assert.Equal(["refreshbot/dockerfile/Dockerfile", "refreshbot/dockerfile/services/api/Dockerfile"], proposals.Select(p => p.Group.Branch));
        Assert.Equal([2, 9], proposals[1].Updates.Select(u => u.Line));
        Assert.Equal("services/api/Dockerfile", proposals[1].Group.Key);
    }

    [Fact]
    public void Image_grouping_uses_the_familiar_name_across_tags_and_files()
    {
        var proposals = ProposalGroups.Partition(ProposalGrouping.Image,
        [
            Samples.Node("a/Dockerfile"),
            Samples.Node("b/Dockerfile") with { Tag = "22" },
            Samples.GoPin() with { Image = "ghcr.io/acme/tools" },
        ]);

        Assert.Equal(["refreshbot/image/ghcr.io/acme/tools", "refreshbot/image/node"], proposals.Select(p => p.Group.Branch));
        Assert.Equal(2, proposals[1].Updates.Count);
        Assert.Equal("node", proposals[1].Group.Key);
    }

    private static readonly string[] Keys =
    [
        "services/api/Dockerfile",
        "my app/Dockerfile",
        "my-app/Dockerfile",
        "../../etc/Dockerfile",
        "a..b/.hidden/Dockerfile.lock",
        "x.lock/y.lock.lock/Dockerfile",
        "ünïcödé/Dockerfile",
        "日本/Dockerfile",
        "a//b/",
        "/leading/slash",
        "trailing.",
        "@{-1}",
        "@",
        "~^:?*[\\ \t\n\u007f",
        "-lead/-dash",
        ".",
        "..",
        "/",
        "",
        "HEAD",
        "unnamed",
        "localhost:5000/team/app",
        "a" + new string('b', 300),
        string.Join('/', Enumerable.Repeat("segment.lock", 30)),
        "0123456789/0123456789/0123456789/0123456789/0123456789/0123456789/0123456789/0123456789/Dockerfile",
    ];

    public static TheoryData<string> NastyKeys() => new(Keys);

    [Theory]
    [MemberData(nameof(NastyKeys))]
    public void Branch_names_are_valid_git_refs_for_any_path_or_name(string key)
    {
        foreach (var category in new[] { "dockerfile", "image" })
        {
            var branch = BranchNames.For(category, key);

            Assert.True(BranchNames.IsValid(branch), branch);
            Assert.True(branch.Length <= BranchNames.MaxLength, branch);
            Assert.StartsWith($"refreshbot/{category}/", branch, StringComparison.Ordinal);
            Assert.True(GitAccepts(branch), $"git check-ref-format --branch refused '{branch}'");
        }
    }

    [Fact]
    public void Different_keys_never_share_a_branch_and_clean_keys_stay_readable()
    {
        var keys = Keys;

        var branches = keys.Select(k => BranchNames.For("dockerfile", k)).ToList();

        Assert.Equal(keys.Length, branches.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal("refreshbot/dockerfile/services/api/Dockerfile", branches[0]);
        Assert.Equal("refreshbot/dockerfile/my-app/Dockerfile", branches[2]);
        Assert.Matches("^refreshbot/dockerfile/my-app/Dockerfile-[0-9a-f]{8}$", branches[1]);
        var longest = branches[Array.IndexOf(keys, "a" + new string('b', 300))];
        Assert.Matches("^refreshbot/dockerfile/abbbb+-[0-9a-f]{8}$", longest);
        Assert.Equal(BranchNames.MaxLength, longest.Length);
        Assert.Matches("^refreshbot/dockerfile/unnamed-[0-9a-f]{8}$", branches[Array.IndexOf(keys, "")]);
    }

    [Fact]
    public void Validity_check_refuses_what_git_refuses()
    {
        foreach (var bad in new[] { "main", "refreshbot/", "refreshbot/a..b", "refreshbot/.x", "refreshbot/x.lock", "refreshbot/x.", "refreshbot//x", "refreshbot/a b", "refreshbot/a:b", "refreshbot/" + new string('a', 100) })
        {
            Assert.False(BranchNames.IsValid(bad), bad);
        }
    }

    /// <summary>The real <c>git check-ref-format --branch</c> (git is installed by scripts/test.sh; missing git fails the test).</summary>
    private static bool GitAccepts(string branch)
    {
        var start = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("check-ref-format");
        start.ArgumentList.Add("--branch");
        start.ArgumentList.Add(branch);
        using var git = Process.Start(start)!;
        git.WaitForExit();
        return git.ExitCode == 0;
    }
}

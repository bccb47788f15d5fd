using RefreshBot.Application.Fleet;
using RefreshBot.Application.Refresh.Planning;
using RefreshBot.Domain.Proposals;
using RefreshBot.Domain.References;

namespace RefreshBot.Domain.Tests.Refresh;

public class SoakPeriodTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
    private static readonly ImageReference Node = ImageReference.Parse("node:22");
    private static readonly ImageReference Python = ImageReference.Parse("python:3.13");

    private static readonly RefreshPolicy Policy = RefreshPolicy.Default with
    {
        Soak = TimeSpan.FromHours(24),
        SoakImages = new Dictionary<string, TimeSpan> { ["node"] = TimeSpan.FromHours(48) },
    };

    [Fact]
    public void Off_by_default_even_for_a_digest_seen_just_now()
    {
        Assert.Null(SoakPeriod.Remaining(RefreshPolicy.Default, Python, Now, Now));
        Assert.Null(SoakPeriod.Remaining(RefreshPolicy.Default, Python, null, Now));
    }

    [Fact]
    public void A_digest_younger_than_the_period_soaks_and_says_how_old_it_is()
    {
        Assert.Equal("soaking: first seen 3h 20m ago, proposed after 24h",
            SoakPeriod.Remaining(Policy, Python, Now - TimeSpan.FromMinutes(200), Now));
        Assert.Equal("soaking: first seen 0s ago, proposed after 24h", SoakPeriod.Remaining(Policy, Python, null, Now));
        Assert.Equal("soaking: first seen 23h 59m ago, proposed after 24h",
            SoakPeriod.Remaining(Policy, Python, Now - TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1), Now));
    }

    [Fact]
    public void A_digest_as_old_as_the_period_is_proposed()
    {
        Assert.Null(SoakPeriod.Remaining(Policy, Python, Now - TimeSpan.FromHours(24), Now));
        Assert.Null(SoakPeriod.Remaining(Policy, Python, Now - TimeSpan.FromDays(30), Now));
    }

    [Fact]
    public void An_image_override_applies_by_familiar_or_full_name()
    {
        Assert.Equal("soaking: first seen 25h ago, proposed after 48h", SoakPeriod.Remaining(Policy, Node, Now - TimeSpan.FromHours(25), Now));
        var byFullName = Policy with { SoakImages = new Dictionary<string, TimeSpan> { ["docker.io/library/node"] = TimeSpan.Zero } };
        Assert.Null(SoakPeriod.Remaining(byFullName, Node, Now, Now));
        Assert.NotNull(SoakPeriod.Remaining(byFullName, Python, Now, Now));
    }

    [Fact]
    public void Only_open_branches_a_soaking_update_belongs_to_are_held()
    {
        var digest = Digest.Parse("sha256:" + new string('a', 64));
        var soaking = new ProposedUpdate("api/Dockerfile", 1, "docker.io/library/node", "22", null, digest, "linux/amd64");

        var branch = ProposalGroups.GroupOf(ProposalGrouping.Image, soaking).Branch;

        var held = SoakPeriod.HeldBranches(ProposalGrouping.Image, [soaking], [branch, "refreshbot/python"]);
        var none = SoakPeriod.HeldBranches(ProposalGrouping.Image, [soaking], ["refreshbot/python"]);

        Assert.Equal(branch, Assert.Single(held));
        Assert.Empty(none);
    }
}

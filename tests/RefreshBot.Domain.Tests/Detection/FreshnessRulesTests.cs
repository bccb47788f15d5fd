using RefreshBot.Domain.Detection;
using RefreshBot.Domain.Manifests;
using RefreshBot.Domain.Platforms;
using RefreshBot.Domain.References;

namespace RefreshBot.Domain.Tests.Detection;

public class FreshnessRulesTests
{
    private const string OciManifest = ManifestMediaTypes.OciManifest;
    private const string DockerManifest = ManifestMediaTypes.DockerManifest;
    private static readonly Platform Amd64 = new("linux", "amd64");
    private static readonly Platform Arm64 = new("linux", "arm64", "v8");

    private static readonly Digest IndexNow = D('a');
    private static readonly Digest IndexBefore = D('b');
    private static readonly Digest Amd64Now = D('c');
    private static readonly Digest Amd64Before = D('d');
    private static readonly Digest Arm64Now = D('e');
    private static readonly Digest Arm64Before = D('f');

    [Fact]
    public void Digest_only_reference_is_skipped_without_asking_anything()
    {
        var step = Decide(Ref(tag: null, pin: Amd64Now), FreshnessEvidence.None);

        Assert.Equal(FreshnessStatus.Skipped, step.Verdict!.Status);
        Assert.Equal(FreshnessRules.DigestOnlyReason, step.Verdict.Reason);
        Assert.Equal(Amd64Now, step.Verdict.PinnedDigest);
    }

    [Fact]
    public void Reference_without_tag_or_digest_follows_latest_like_docker()
    {
        var untagged = new ImageReference("registry.example", "team/app", null, null);

        Assert.Equal(FreshnessNeed.Tag, Decide(untagged, FreshnessEvidence.None).Need);
        var verdict = Decide(untagged, new FreshnessEvidence(Tag: ManifestTag(Amd64Now))).Verdict!;
        Assert.Equal(FreshnessStatus.Unpinned, verdict.Status);
        Assert.Equal(Amd64Now, verdict.CurrentDigest);
    }

    [Fact]
    public void Tag_is_asked_first()
    {
        Assert.Equal(FreshnessNeed.Tag, Decide(Ref("1", null), FreshnessEvidence.None).Need);
        Assert.Equal(FreshnessNeed.Tag, Decide(Ref("1", IndexNow), FreshnessEvidence.None).Need);
    }

    [Fact]
    public void Unpinned_multi_arch_tag_reports_the_index_digest_and_no_platform_digest_without_the_index()
    {
        var verdict = Decide(Ref("1", null), new FreshnessEvidence(Tag: IndexTag(IndexNow))).Verdict!;

        Assert.Equal(FreshnessStatus.Unpinned, verdict.Status);
        Assert.Equal(IndexNow, verdict.CurrentDigest);
        Assert.Null(verdict.PlatformDigest);
        Assert.Null(verdict.PinnedDigest);
    }

    [Fact]
    public void Unpinned_multi_arch_tag_reports_the_platform_digest_when_the_index_is_known()
    {
        var evidence = new FreshnessEvidence(Tag: IndexTag(IndexNow), CurrentIndex: Index(IndexNow, Amd64Now, Arm64Now));

        var verdict = Decide(Ref("1", null), evidence).Verdict!;

        Assert.Equal(FreshnessStatus.Unpinned, verdict.Status);
        Assert.Equal(IndexNow, verdict.CurrentDigest);
        Assert.Equal(Amd64Now, verdict.PlatformDigest);
    }

    [Fact]
    public void Unpinned_single_manifest_tag_reports_that_manifest()
    {
        var verdict = Decide(Ref("1", null), new FreshnessEvidence(Tag: ManifestTag(Amd64Now))).Verdict!;

        Assert.Equal(FreshnessStatus.Unpinned, verdict.Status);
        Assert.Equal(Amd64Now, verdict.CurrentDigest);
        Assert.Equal(Amd64Now, verdict.PlatformDigest);
    }

    [Fact]
    public void Pin_equal_to_the_tag_is_up_to_date_after_one_head()
    {
        var verdict = Decide(Ref("1", IndexNow), new FreshnessEvidence(Tag: IndexTag(IndexNow))).Verdict!;

        Assert.Equal(FreshnessStatus.UpToDate, verdict.Status);
        Assert.Equal(IndexNow, verdict.CurrentDigest);
        Assert.False(verdict.IndexOnly);
        Assert.Null(verdict.Reason);
    }

    [Fact]
    public void Pin_different_from_a_single_manifest_tag_is_outdated_without_a_get()
    {
        var verdict = Decide(Ref("1", Amd64Before), new FreshnessEvidence(Tag: ManifestTag(Amd64Now))).Verdict!;

        Assert.Equal(FreshnessStatus.Outdated, verdict.Status);
        Assert.Equal(Amd64Before, verdict.PinnedDigest);
        Assert.Equal(Amd64Now, verdict.CurrentDigest);
    }

    [Fact]
    public void Pin_different_from_an_index_tag_asks_for_the_current_index()
    {
        var step = Decide(Ref("1", IndexBefore), new FreshnessEvidence(Tag: IndexTag(IndexNow)));

        Assert.Equal(FreshnessNeed.CurrentIndex, step.Need);
    }

    [Fact]
    public void An_index_read_for_another_digest_is_not_used()
    {
        var evidence = new FreshnessEvidence(Tag: IndexTag(IndexNow), CurrentIndex: Index(IndexBefore, Amd64Now, Arm64Now));

        Assert.Equal(FreshnessNeed.CurrentIndex, Decide(Ref("1", Amd64Now), evidence).Need);
    }

    [Fact]
    public void Pin_to_the_current_platform_manifest_is_up_to_date_compared_with_that_manifest()
    {
        var evidence = new FreshnessEvidence(Tag: IndexTag(IndexNow), CurrentIndex: Index(IndexNow, Amd64Now, Arm64Now));

        var verdict = Decide(Ref("1", Amd64Now), evidence).Verdict!;

        Assert.Equal(FreshnessStatus.UpToDate, verdict.Status);
        Assert.Equal(Amd64Now, verdict.CurrentDigest);
        Assert.Equal(Amd64Now, verdict.PlatformDigest);
    }

    [Fact]
    public void Pin_to_another_platforms_current_manifest_is_up_to_date_with_a_reason()
    {
        var evidence = new FreshnessEvidence(Tag: IndexTag(IndexNow), CurrentIndex: Index(IndexNow, Amd64Now, Arm64Now));

        var verdict = Decide(Ref("1", Arm64Now), evidence).Verdict!;

        Assert.Equal(FreshnessStatus.UpToDate, verdict.Status);
        Assert.Contains("linux/arm64/v8", verdict.Reason);
        Assert.Contains("linux/amd64", verdict.Reason);
    }

    [Fact]
    public void Pin_not_in_the_current_index_asks_what_the_pin_is()
    {
        var evidence = new FreshnessEvidence(Tag: IndexTag(IndexNow), CurrentIndex: Index(IndexNow, Amd64Now, Arm64Now));

        Assert.Equal(FreshnessNeed.Pinned, Decide(Ref("1", Amd64Before), evidence).Need);
    }

    [Theory]
    [InlineData(OciManifest)]
    [InlineData(DockerManifest)]
    public void Stale_pin_to_a_platform_manifest_is_outdated_against_the_platforms_current_manifest(string mediaType)
    {
        var evidence = new FreshnessEvidence(
            Tag: IndexTag(IndexNow),
            CurrentIndex: Index(IndexNow, Amd64Now, Arm64Now),
            Pinned: new PinnedLookup(new ManifestDescriptor(Amd64Before, mediaType, 500)));

        var verdict = Decide(Ref("1", Amd64Before), evidence).Verdict!;

        Assert.Equal(FreshnessStatus.Outdated, verdict.Status);
        Assert.Equal(Amd64Before, verdict.PinnedDigest);
        Assert.Equal(Amd64Now, verdict.CurrentDigest);
        Assert.False(verdict.IndexOnly);
    }

    [Theory]
    [InlineData(ManifestMediaTypes.OciIndex)]
    [InlineData(ManifestMediaTypes.DockerManifestList)]
    public void Stale_pin_to_an_index_asks_for_the_pinned_index(string mediaType)
    {
        var evidence = new FreshnessEvidence(
            Tag: IndexTag(IndexNow),
            CurrentIndex: Index(IndexNow, Amd64Now, Arm64Now),
            Pinned: new PinnedLookup(new ManifestDescriptor(IndexBefore, mediaType, 900)));

        Assert.Equal(FreshnessNeed.PinnedIndex, Decide(Ref("1", IndexBefore), evidence).Need);
    }

    [Fact]
    public void Index_that_moved_for_other_platforms_only_is_index_churn()
    {
        var evidence = PinnedIndexEvidence(Index(IndexBefore, Amd64Now, Arm64Before));

        var verdict = Decide(Ref("1", IndexBefore), evidence).Verdict!;

        Assert.Equal(FreshnessStatus.UpToDate, verdict.Status);
        Assert.True(verdict.IndexOnly);
        Assert.Equal(IndexNow, verdict.CurrentDigest);
        Assert.Equal(Amd64Now, verdict.PlatformDigest);
        Assert.Contains("index churn", verdict.Reason);
    }

    [Fact]
    public void Same_index_move_is_outdated_for_the_platform_whose_manifest_moved()
    {
        var evidence = PinnedIndexEvidence(Index(IndexBefore, Amd64Now, Arm64Before));

        var verdict = FreshnessRules.Decide(Ref("1", IndexBefore), Arm64, evidence).Verdict!;

        Assert.Equal(FreshnessStatus.Outdated, verdict.Status);
        Assert.False(verdict.IndexOnly);
        Assert.Equal(IndexNow, verdict.CurrentDigest);
        Assert.Equal(Arm64Now, verdict.PlatformDigest);
    }

    [Fact]
    public void Index_whose_platform_manifest_moved_is_outdated_against_the_index_digest()
    {
        var evidence = PinnedIndexEvidence(Index(IndexBefore, Amd64Before, Arm64Now));

        var verdict = Decide(Ref("1", IndexBefore), evidence).Verdict!;

        Assert.Equal(FreshnessStatus.Outdated, verdict.Status);
        Assert.Equal(IndexBefore, verdict.PinnedDigest);
        Assert.Equal(IndexNow, verdict.CurrentDigest);
        Assert.Equal(Amd64Now, verdict.PlatformDigest);
    }

    [Fact]
    public void Pin_the_registry_no_longer_has_is_outdated_with_a_reason()
    {
        var evidence = new FreshnessEvidence(
            Tag: IndexTag(IndexNow),
            CurrentIndex: Index(IndexNow, Amd64Now, Arm64Now),
            Pinned: new PinnedLookup(null));

        var verdict = Decide(Ref("1", IndexBefore), evidence).Verdict!;

        Assert.Equal(FreshnessStatus.Outdated, verdict.Status);
        Assert.Equal(IndexNow, verdict.CurrentDigest);
        Assert.Contains("no longer", verdict.Reason);
    }

    [Fact]
    public void Index_without_the_platform_is_outdated_with_a_reason()
    {
        var evidence = new FreshnessEvidence(
            Tag: IndexTag(IndexNow),
            CurrentIndex: new DigestedIndex(IndexNow, Index(IndexNow, Amd64Now, Arm64Now).Index with { Manifests = [Entry(Arm64Now, Arm64)] }),
            Pinned: new PinnedLookup(new ManifestDescriptor(IndexBefore, ManifestMediaTypes.OciIndex, 900)));

        var verdict = Decide(Ref("1", IndexBefore), evidence).Verdict!;

        Assert.Equal(FreshnessStatus.Outdated, verdict.Status);
        Assert.Contains("no manifest for linux/amd64 in the index; available: linux/arm64", verdict.Reason);
    }

    private static FreshnessEvidence PinnedIndexEvidence(DigestedIndex pinnedIndex) =>
        new(
            Tag: IndexTag(IndexNow),
            CurrentIndex: Index(IndexNow, Amd64Now, Arm64Now),
            Pinned: new PinnedLookup(new ManifestDescriptor(IndexBefore, ManifestMediaTypes.OciIndex, 900)),
            PinnedIndex: pinnedIndex);

    private static FreshnessStep Decide(ImageReference reference, FreshnessEvidence evidence) =>
        FreshnessRules.Decide(reference, Amd64, evidence);

    private static DigestedIndex Index(Digest digest, Digest amd64, Digest arm64) =>
        new(digest, new ImageIndex(
            ManifestMediaTypes.OciIndex,
            [Entry(amd64, Amd64), Entry(arm64, Arm64)],
            [Entry(D('9'), new Platform("unknown", "unknown"))],
            null,
            null,
            new Dictionary<string, string>()));

    private static IndexEntry Entry(Digest digest, Platform platform) =>
        new(new ManifestDescriptor(digest, OciManifest, 500), platform, null, [], new Dictionary<string, string>());

    private static ManifestDescriptor IndexTag(Digest digest) => new(digest, ManifestMediaTypes.OciIndex, 1000);

    private static ManifestDescriptor ManifestTag(Digest digest) => new(digest, OciManifest, 500);

    private static ImageReference Ref(string? tag, Digest? pin) => new("registry.test", "team/base", tag, pin);

    private static Digest D(char fill) => new("sha256", new string(fill, 64));
}

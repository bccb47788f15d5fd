using System.Text;
using RefreshBot.Application.Check;
using RefreshBot.Domain.Manifests;
using RefreshBot.Domain.References;
using RefreshBot.Integration.Tests.Git;

namespace RefreshBot.Integration.Tests.Check;

/// <summary>The memo's rules on its own: one lookup in flight, reuse within the TTL, failures not kept, invalidation by path and tag.</summary>
public sealed class TagLookupMemoTests
{
    private const string Key = "registry.test/team/base:1";
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 8, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Concurrent_callers_share_one_lookup_and_the_answer_is_reused_until_the_ttl_ends()
    {
        var memo = new TagLookupMemo(_time, TimeSpan.FromSeconds(60));
        var lookups = 0;
        var gate = new TaskCompletionSource();
        async Task<ManifestDescriptor> LookUp()
        {
            Interlocked.Increment(ref lookups);
            await gate.Task;
            return Descriptor("a");
        }

        var callers = Enumerable.Range(0, 5).Select(_ => memo.GetAsync(Key, LookUp, CancellationToken.None)).ToList();
        gate.SetResult();
        var answers = await Task.WhenAll(callers);
        Assert.Equal(1, lookups);
        Assert.All(answers, a => Assert.Equal(Descriptor("a"), a));

        _time.Now += TimeSpan.FromSeconds(59);
        await memo.GetAsync(Key, LookUp, CancellationToken.None);
        Assert.Equal(1, lookups);

        _time.Now += TimeSpan.FromSeconds(2);
        await memo.GetAsync(Key, LookUp, CancellationToken.None);
        Assert.Equal(2, lookups);
    }

    [Fact]
    public async Task A_failure_is_not_kept_and_an_invalidated_tag_is_asked_again_on_any_host()
    {
        var memo = new TagLookupMemo(_time, TimeSpan.FromMinutes(5));
        await Assert.ThrowsAsync<InvalidOperationException>(() => memo.GetAsync(Key, () => throw new InvalidOperationException("registry down"), CancellationToken.None));
        Assert.Equal(Descriptor("b"), await memo.GetAsync(Key, () => Task.FromResult(Descriptor("b")), CancellationToken.None));
        Assert.Equal(Descriptor("b"), await memo.GetAsync(Key, () => Task.FromResult(Descriptor("c")), CancellationToken.None));

        Assert.Equal(0, memo.Invalidate("team/base", "2"));
        Assert.Equal(0, memo.Invalidate("base", "1"));
        Assert.Equal(1, memo.Invalidate("team/base", "1"));    // the push named another host (an alias): still dropped

        Assert.Equal(Descriptor("c"), await memo.GetAsync(Key, () => Task.FromResult(Descriptor("c")), CancellationToken.None));
    }

    [Theory]
    [InlineData(0, 60)]
    [InlineData(300, 300)]
    [InlineData(7200, 900)]
    public void The_ttl_follows_the_jitter_window_between_one_and_fifteen_minutes(int jitterSeconds, int ttlSeconds) =>
        Assert.Equal(TimeSpan.FromSeconds(ttlSeconds), TagLookupMemo.TtlFor(TimeSpan.FromSeconds(jitterSeconds)));

    private static ManifestDescriptor Descriptor(string content) =>
        new(Digest.Sha256Of(Encoding.UTF8.GetBytes(content)), "application/vnd.oci.image.manifest.v1+json", 100);
}

using RefreshBot.Domain.Proposals;

namespace RefreshBot.Domain.Tests.Proposals;

public sealed class ProposalStateTests
{
    private static readonly Proposal Sample = Samples.InRepository(Samples.Node(), Samples.GoPin(), Samples.Node("a-->b/Dockerfile \"ünï\"", 9));

    private static void AssertSame(Proposal expected, ProposalState actual)
    {
        Assert.Equal(ProposalState.CurrentVersion, actual.Version);
        Assert.Equal(expected.Group, actual.Group);
        Assert.Equal(expected.Updates, actual.Updates);
    }

    [Fact]
    public void Block_round_trips_every_field_including_awkward_paths()
    {
        var comment = ProposalState.From(Sample).ToComment();

        Assert.True(ProposalState.TryRead(comment, out var state, out var error), error);

        AssertSame(Sample, state);
        Assert.Equal(1, comment.Split("-->").Length - 1);
        Assert.DoesNotContain('\n', comment);
    }

    [Fact]
    public void Body_round_trips_after_github_turns_it_into_crlf()
    {
        var body = ProposalText.Body(Sample).Replace("\n", "\r\n", StringComparison.Ordinal);

        Assert.True(ProposalState.TryRead(body, out var state, out var error), error);

        AssertSame(Sample, state);
        Assert.Equal(Sample, state.ToProposal() with { Updates = Sample.Updates });
    }

    [Fact]
    public void Block_split_over_lines_by_an_editor_is_still_read()
    {
        var body = "edited by hand\r\n<!--\r\n  refreshbot:state\r\n" + ProposalState.From(Sample).ToComment()["<!-- refreshbot:state ".Length..].Replace(",\"", ",\r\n\"", StringComparison.Ordinal);

        Assert.True(ProposalState.TryRead(body, out var state, out var error), error);

        AssertSame(Sample, state);
    }

    public static TheoryData<string, string> Tampered()
    {
        var good = ProposalState.From(Samples.InRepository(Samples.Node())).ToComment();
        var json = good["<!-- refreshbot:state ".Length..^" -->".Length];
        string With(string from, string to) => "<!-- refreshbot:state " + json.Replace(from, to, StringComparison.Ordinal) + " -->";
        return new TheoryData<string, string>
        {
            { "", "the body is empty" },
            { "A description a person rewrote.", "no refreshbot:state block" },
            { good + "\n" + good, "2 refreshbot:state blocks" },
            { "<!-- refreshbot:state " + json, "not closed" },
            { "<!-- refreshbot:state {\"version\":1, -->", "not valid JSON" },
            { "<!-- refreshbot:state [1,2] -->", "not a JSON object" },
            { "<!-- refreshbot:state " + new string('[', 40) + new string(']', 40) + " -->", "not valid JSON" },
            { "<!-- refreshbot:state {\"x\":\"" + new string('a', 70_000) + "\"} -->", "at most 65536 are accepted" },
            { With("\"version\":1", "\"version\":2"), "version: 2 is not supported" },
            { With("\"version\":1", "\"version\":\"1\""), "version: missing or not an integer" },
            { With("\"grouping\":\"repository\"", "\"grouping\":\"team\""), "grouping: 'team' is not" },
            { With("\"branch\":\"refreshbot/base-images\"", "\"branch\":\"main\""), "branch: 'main' is not a refreshbot branch name" },
            { With("\"branch\":\"refreshbot/base-images\"", "\"branch\":\"refreshbot/image/node\""), "updates[0]: belongs to refreshbot/base-images, not to refreshbot/image/node" },
            { With("\"grouping\":\"repository\"", "\"grouping\":\"image\""), "updates[0]: belongs to refreshbot/image/node" },
            { With("\"line\":3", "\"line\":0"), "updates[0].line: missing or not a positive integer" },
            { With("\"image\":\"docker.io/library/node\"", "\"image\":\"node\""), "updates[0].image: 'node' is not a normalized image name" },
            { With("\"to\":\"sha256:9f8e", "\"to\":\"sha256:XX8e"), "updates[0].to: invalid digest format" },
            { With("\"from\":\"sha256:1a2b", "\"from\":\"md5:1a2b"), "updates[0].from: unsupported digest algorithm" },
            { With("\"platform\":\"linux/amd64\"", "\"platform\":42"), "updates[0].platform: not a string" },
            { With("\"firstSeen\":\"2026-11-02T14:05:00Z\"", "\"firstSeen\":\"yesterday\""), "updates[0].firstSeen: 'yesterday' is not" },
            { With("\"updates\":[", "\"updates\":[],\"x\":["), "updates: 0 entries" },
        };
    }

    [Theory]
    [MemberData(nameof(Tampered))]
    public void Tampered_missing_or_oversized_blocks_are_refused_with_a_reason(string body, string reason)
    {
        Assert.False(ProposalState.TryRead(body, out var state, out var error));

        Assert.Null(state);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    private const string Damage = "{}[]\":,0a-\\>< \u0000é";

    [Fact]
    public void Random_damage_never_throws()
    {
        var body = ProposalText.Body(Sample);
        var start = body.IndexOf("<!-- refreshbot:state", StringComparison.Ordinal);
        var random = new Random(20261102);
        var accepted = 0;
        for (var round = 0; round < 2_000; round++)
        {
            var chars = body.ToCharArray();
            for (var hits = random.Next(1, 4); hits > 0; hits--)
            {
                chars[random.Next(start, chars.Length)] = Damage[random.Next(Damage.Length)];
            }

            accepted += ProposalState.TryRead(new string(chars), out _, out var error) ? 1 : 0;
        }

        Assert.InRange(accepted, 0, 1_999);
    }

    [Fact]
    public void Null_body_is_refused()
    {
        Assert.False(ProposalState.TryRead(null, out _, out var error));
        Assert.Contains("empty", error, StringComparison.Ordinal);
    }
}

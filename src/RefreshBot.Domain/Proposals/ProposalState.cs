using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace RefreshBot.Domain.Proposals;

/// <summary>
/// What the bot proposed, kept in its pull request body as a hidden block it reads back:
/// <c>&lt;!-- refreshbot:state {compact JSON} --&gt;</c>. The JSON escapes <c>&lt;</c>, <c>&gt;</c> and <c>&amp;</c>, so
/// it can never close the comment. Reading never throws: a missing, duplicated, oversized, malformed or
/// inconsistent block is refused with a reason.
/// </summary>
public sealed partial record ProposalState(int Version, ProposalGroup Group, IReadOnlyList<ProposedUpdate> Updates)
{
    public const int CurrentVersion = 1;

    /// <summary>Longest JSON accepted (GitHub bodies hold at most 65,536 characters).</summary>
    public const int MaxJsonLength = 65_536;

    /// <summary>Most updates accepted in one block.</summary>
    public const int MaxUpdates = 1_000;

    public static ProposalState From(Proposal proposal)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        return new ProposalState(CurrentVersion, proposal.Group, proposal.Updates);
    }

    public Proposal ToProposal() => new(Group, Updates);

    /// <summary>The hidden block, one line: <c>&lt;!-- refreshbot:state {…} --&gt;</c>.</summary>
    public string ToComment()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("version", Version);
            json.WriteString("grouping", GroupingName(Group.Kind));
            json.WriteString("group", Group.Key);
            json.WriteString("branch", Group.Branch);
            json.WriteStartArray("updates");
            foreach (var update in Updates)
            {
                json.WriteStartObject();
                json.WriteString("dockerfile", update.Dockerfile);
                json.WriteNumber("line", update.Line);
                json.WriteString("image", update.Image);
                json.WriteString("tag", update.Tag);
                json.WriteString("from", update.From?.ToString());
                json.WriteString("to", update.To.ToString());
                json.WriteString("platform", update.Platform);
                if (update.FirstSeen is { } seen)
                {
                    json.WriteString("firstSeen", seen.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Marker + " " + Encoding.UTF8.GetString(buffer.WrittenSpan) + " -->";
    }

    private const string Marker = "<!-- refreshbot:state";

    [GeneratedRegex(@"<!--\s*refreshbot:state\b", RegexOptions.CultureInvariant)]
    private static partial Regex Opening();

    /// <summary>Reads the block back from a pull request body (as GitHub returns it, CRLF or LF).</summary>
    public static bool TryRead(string? body, [NotNullWhen(true)] out ProposalState? state, [NotNullWhen(false)] out string? error)
    {
        state = null;
        if (string.IsNullOrEmpty(body))
        {
            error = "the body is empty: no refreshbot:state block";
            return false;
        }

        var openings = Opening().Matches(body);
        if (openings.Count != 1)
        {
            error = openings.Count == 0 ? "no refreshbot:state block in the body" : $"{openings.Count} refreshbot:state blocks in the body; expected one";
            return false;
        }

        var start = openings[0].Index + openings[0].Length;
        var end = body.IndexOf("-->", start, StringComparison.Ordinal);
        if (end < 0)
        {
            error = "the refreshbot:state block is not closed with -->";
            return false;
        }

        var json = body[start..end].Trim();
        if (json.Length > MaxJsonLength)
        {
            error = $"the refreshbot:state block is {json.Length} characters long; at most {MaxJsonLength} are accepted";
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 8 });
            return ProposalStateReader.TryRead(document.RootElement, out state, out error);
        }
        catch (JsonException e)
        {
            error = $"the refreshbot:state block is not valid JSON: {e.Message}";
            return false;
        }
    }

    internal static string GroupingName(ProposalGrouping kind) => kind switch
    {
        ProposalGrouping.Repository => "repository",
        ProposalGrouping.Dockerfile => "dockerfile",
        _ => "image",
    };
}

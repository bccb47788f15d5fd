using System.Text;
using System.Text.Json;
using RefreshBot.Domain.Proposals;
using RefreshBot.Domain.Proposals.Decisions;

namespace RefreshBot.Application.Refresh.Publishing;

/// <summary>
/// The texts the refresh writes and reads back: title, body with its hidden state, commit message, comments.
/// A seam over the domain's proposal texts (Domain/Proposals).
/// </summary>
public static class ProposalTexts
{
    private const string StateStart = "<!-- refreshbot:state ";
    private const string StateEnd = " -->";
    private const string ForeignMarker = "<!-- refreshbot:foreign-commits -->";
    private const string ClosedMarker = "<!-- refreshbot:closed -->";

    public static string Title(Proposal proposal) =>
        "Refresh base images: " + string.Join(", ", proposal.Updates.Select(u => u.FamiliarTagged).Distinct(StringComparer.Ordinal));

    public static string CommitMessage(Proposal proposal) => Title(proposal);

    public static string Body(Proposal proposal)
    {
        var body = new StringBuilder();
        foreach (var file in proposal.Updates.GroupBy(u => u.Dockerfile, StringComparer.Ordinal))
        {
            body.Append("### `").Append(file.Key).Append("`\n\n| line | image | digest | platform | first seen |\n|---|---|---|---|---|\n");
            foreach (var u in file)
            {
                body.Append($"| {u.Dockerfile}:{u.Line} | {u.FamiliarTagged} | {(u.From is null ? "(unpinned)" : u.From.ToString())} → {u.To} | {u.Platform} | {u.FirstSeen?.ToString("yyyy-MM-dd HH:mm 'UTC'") ?? "—"} |\n");
            }

            body.Append('\n');
        }

        var targets = proposal.Updates.Select(u => new { dockerfile = u.Dockerfile, image = u.Image, tag = u.Tag ?? "", to = u.To.ToString() });
        body.Append(StateStart).Append(JsonSerializer.Serialize(new { version = 1, updates = targets })).Append(StateEnd).Append('\n');
        return body.ToString();
    }

    /// <summary>The targets recorded in a body's hidden state; null when there is none or it is unreadable.</summary>
    public static IReadOnlyList<UpdateTarget>? ReadTargets(string body)
    {
        var start = body.IndexOf(StateStart, StringComparison.Ordinal);
        var end = start < 0 ? -1 : body.IndexOf(StateEnd, start + StateStart.Length, StringComparison.Ordinal);
        if (end < 0)
        {
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(body[(start + StateStart.Length)..end]);
            return json.RootElement.GetProperty("updates").EnumerateArray()
                .Select(u => new UpdateTarget(
                    u.GetProperty("dockerfile").GetString()!, u.GetProperty("image").GetString()!,
                    u.GetProperty("tag").GetString()!, u.GetProperty("to").GetString()!))
                .ToList();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }

    public static string ForeignCommitsComment(string branch) =>
        $"Someone else pushed commits to `{branch}`, so RefreshBot will not rewrite this branch any more. " +
        "Merge or close this pull request as you see fit; RefreshBot proposes newer digests again once it is merged or closed.\n" + ForeignMarker;

    public static bool IsForeignCommitsComment(string comment) => comment.Contains(ForeignMarker, StringComparison.Ordinal);

    public static string ObsoleteComment() =>
        "Closing: the base images this pull request updated are up to date on the target branch now, so there is nothing left to propose.\n" + ClosedMarker;

    public static string SupersededComment(IReadOnlyList<string> replacements) =>
        "Closing: superseded by " + string.Join(", ", replacements) + ", which now proposes these updates.\n" + ClosedMarker;

    public static bool IsClosingComment(string comment) => comment.Contains(ClosedMarker, StringComparison.Ordinal);
}

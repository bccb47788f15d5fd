using RefreshBot.Domain.Proposals;
using RefreshBot.Domain.Proposals.Decisions;

namespace RefreshBot.Application.Refresh.Publishing;

/// <summary>
/// The texts the refresh writes and reads back, over the domain's <see cref="ProposalText"/>,
/// <see cref="ProposalState"/> and <see cref="ProposalComments"/>; plus the closing comment for an obsolete proposal.
/// </summary>
public static class ProposalTexts
{
    private const string ObsoleteMarker = "<!-- refreshbot:comment obsolete -->";

    public static string Title(Proposal proposal) => ProposalText.Title(proposal);

    public static string CommitMessage(Proposal proposal) => ProposalText.CommitMessage(proposal);

    public static string Body(Proposal proposal, BuildScanSection? buildScan = null) => ProposalText.Body(proposal, buildScan);

    private const string BuildScanHeading = "## Build and scan\n\n";
    private const string BuildScanEnd = "\n\n---\n\n**What RefreshBot will do**";

    /// <summary>
    /// The "Build and scan" section of a body the bot wrote (to carry it over when nothing is rebuilt); null when the
    /// body has none or it is the placeholder.
    /// </summary>
    public static BuildScanSection? ReadBuildScan(string body)
    {
        var start = body.IndexOf(BuildScanHeading, StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        start += BuildScanHeading.Length;
        var end = body.IndexOf(BuildScanEnd, start, StringComparison.Ordinal);
        if (end < 0)
        {
            return null;
        }

        var markdown = body[start..end];
        return markdown.StartsWith("_Not run", StringComparison.Ordinal) // "_Not run:" (and "_Not run yet:" of earlier versions)
             ? null : new BuildScanSection(markdown);
    }

    /// <summary>The targets recorded in a body's hidden state; null when there is none or it is unreadable.</summary>
    public static IReadOnlyList<UpdateTarget>? ReadTargets(string body) =>
        ProposalState.TryRead(body, out var state, out _)
            ? state.Updates.Select(u => new UpdateTarget(u.Dockerfile, u.Image, u.Tag ?? "", u.To.ToString())).ToList()
            : null;

    public static string ForeignCommitsComment(string branch, IReadOnlyList<string> commits) => ProposalComments.HumanCommits(branch, commits);

    public static bool IsForeignCommitsComment(string comment) => ProposalComments.KindOf(comment) == ProposalCommentKind.HumanCommits;

    public static string ObsoleteComment() =>
        "Closing: the base images this pull request updated are already up to date on the target branch (or no longer used), so there is nothing left to propose.\n\n"
        + ObsoleteMarker;

    /// <param name="replacements">The pull requests now holding these updates (number, title).</param>
    public static string SupersededComment(IReadOnlyList<(int Number, string Title)> replacements) =>
        replacements.Count == 1
            ? ProposalComments.Superseded(replacements[0].Number, replacements[0].Title)
            : ProposalComments.Superseded(replacements[0].Number, replacements[0].Title).Replace(
                $"Superseded by #{replacements[0].Number}",
                "Superseded by " + string.Join(", ", replacements.Select(r => "#" + r.Number)),
                StringComparison.Ordinal);

    /// <summary>A comment the bot posts when it closes a proposal itself (superseded or obsolete).</summary>
    public static bool IsClosingComment(string comment) =>
        ProposalComments.KindOf(comment) == ProposalCommentKind.Superseded || comment.Contains(ObsoleteMarker, StringComparison.Ordinal);
}

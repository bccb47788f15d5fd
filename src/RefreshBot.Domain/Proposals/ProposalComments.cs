namespace RefreshBot.Domain.Proposals;

/// <summary>What a comment of the bot says; each comment ends with a hidden marker so the bot can tell it already posted one.</summary>
public enum ProposalCommentKind
{
    Superseded,
    HumanCommits,
    Rebased,
}

/// <summary>The comments the bot posts on its pull requests (Markdown, pure text).</summary>
public static class ProposalComments
{
    /// <summary>Posted before closing a pull request that another one replaces.</summary>
    /// <param name="replacement">Number of the pull request that replaces it.</param>
    /// <param name="replacementTitle">Its title.</param>
    public static string Superseded(int replacement, string replacementTitle)
        => $"Superseded by #{replacement}: {MarkdownText.Plain(replacementTitle)}.\n\n"
           + $"#{replacement} proposes newer digests for the same base images, so I am closing this one. Nothing on this branch is lost: the same references are updated there.\n\n"
           + Marker(ProposalCommentKind.Superseded);

    /// <summary>Posted once when someone else pushed to the bot's branch.</summary>
    /// <param name="branch">The bot's branch.</param>
    /// <param name="commits">The commits not authored by the bot (ids; shown shortened, at most 10).</param>
    public static string HumanCommits(string branch, IReadOnlyList<string> commits)
    {
        ArgumentNullException.ThrowIfNull(commits);
        var shown = string.Join(", ", commits.Take(10).Select(c => MarkdownText.Code(c.Length > 12 ? c[..12] : c)));
        var more = commits.Count > 10 ? $" and {commits.Count - 10} more" : "";
        return $"I will stop updating this branch because someone else pushed commits to {MarkdownText.Code(branch)} ({shown}{more}).\n\n"
               + "I will not push to it or rewrite it again, so your changes are safe; this pull request is yours to finish, merge or close. "
               + "Newer digests for these images will not be proposed here while your commits are on the branch.\n\n"
               + Marker(ProposalCommentKind.HumanCommits);
    }

    /// <summary>Posted when the target branch moved and the bot recreated its branch on the new head.</summary>
    public static string Rebased(string baseBranch, string newBaseSha)
        => $"The target branch {MarkdownText.Code(baseBranch)} moved, so I recreated this branch on top of {MarkdownText.Code(newBaseSha.Length > 12 ? newBaseSha[..12] : newBaseSha)} with the same digest changes.\n\n"
           + Marker(ProposalCommentKind.Rebased);

    /// <summary>The kind of a comment the bot posted, from its hidden marker; null for any other comment.</summary>
    public static ProposalCommentKind? KindOf(string? comment)
    {
        if (comment is null)
        {
            return null;
        }

        foreach (var kind in Enum.GetValues<ProposalCommentKind>())
        {
            if (comment.Contains(Marker(kind), StringComparison.Ordinal))
            {
                return kind;
            }
        }

        return null;
    }

    /// <summary>True when one of <paramref name="comments"/> is a bot comment of this kind (to comment once only).</summary>
    public static bool AlreadyPosted(IEnumerable<string> comments, ProposalCommentKind kind)
        => comments.Any(c => KindOf(c) == kind);

    private static string Marker(ProposalCommentKind kind) => $"<!-- refreshbot:comment {kind.ToString().ToLowerInvariant()} -->";
}

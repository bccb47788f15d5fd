using System.Globalization;
using System.Text;
using RefreshBot.Domain.References;

namespace RefreshBot.Domain.Proposals;

/// <summary>Title, body and commit message of a proposal (pull request), from data only.</summary>
public static class ProposalText
{
    /// <summary>Titles are cut to this length (GitHub shows about this much in lists).</summary>
    public const int MaxTitleLength = 72;

    /// <summary>Bodies stay under GitHub's 65,536-character limit, with room for later edits.</summary>
    public const int MaxBodyLength = 60_000;

    /// <summary>
    /// <c>Refresh base images: node:20-alpine, golang:1.23</c>; <c>Pin base images: …</c> when every update pins an
    /// unpinned reference; images past <see cref="MaxTitleLength"/> become <c>and N more</c>.
    /// </summary>
    public static string Title(Proposal proposal)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        var prefix = proposal.IsPinOnly ? "Pin base images: " : "Refresh base images: ";
        var items = proposal.Updates.Select(u => MarkdownText.OneLine(u.FamiliarTagged)).Distinct(StringComparer.Ordinal).ToList();
        if (items.Count == 0)
        {
            return prefix.TrimEnd(' ', ':');
        }

        for (var shown = items.Count; shown >= 1; shown--)
        {
            var title = prefix + string.Join(", ", items.Take(shown)) + More(items.Count - shown);
            if (title.Length <= MaxTitleLength)
            {
                return title;
            }
        }

        var tail = More(items.Count - 1);
        var room = MaxTitleLength - prefix.Length - tail.Length - 1;
        return prefix + items[0][..Math.Max(room, 1)] + "…" + tail;
    }

    /// <summary>The commit message: the title, a blank line, then one line per update with the full digests.</summary>
    public static string CommitMessage(Proposal proposal)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        var builder = new StringBuilder(Title(proposal)).Append("\n\n");
        foreach (var update in proposal.Updates)
        {
            builder.Append(MarkdownText.OneLine($"{update.Dockerfile}:{update.Line} {update.FamiliarTagged}: {update.From?.ToString() ?? "unpinned"} -> {update.To} ({update.Platform})")).Append('\n');
        }

        return builder.ToString();
    }

    /// <summary>
    /// The Markdown body: intro, a table per Dockerfile, full digests in a <c>&lt;details&gt;</c> block, the "Build and scan"
    /// section (<paramref name="buildScan"/> or a placeholder), what the bot will do, and the hidden state block.
    /// </summary>
    public static string Body(Proposal proposal, BuildScanSection? buildScan = null)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        var state = ProposalState.From(proposal).ToComment();
        foreach (var (details, rows) in new[] { (true, int.MaxValue), (false, int.MaxValue), (false, 200), (false, 20) })
        {
            var body = Render(proposal, buildScan, details, rows, state);
            if (body.Length <= MaxBodyLength)
            {
                return body;
            }
        }

        return Render(proposal, null, details: false, maxRows: 5, state);
    }

    private static string Render(Proposal proposal, BuildScanSection? buildScan, bool details, int maxRows, string state)
    {
        var b = new StringBuilder();
        b.Append(Intro(proposal)).Append("\n\n");
        var shown = 0;
        foreach (var file in proposal.Updates.GroupBy(u => u.Dockerfile, StringComparer.Ordinal))
        {
            if (shown >= maxRows)
            {
                break;
            }

            b.Append("### ").Append(MarkdownText.Code(file.Key)).Append("\n\n");
            b.Append("| Where | Image | Digest | Platform | New digest first seen |\n| --- | --- | --- | --- | --- |\n");
            foreach (var update in file.Take(maxRows - shown))
            {
                b.Append("| ").Append(Where(update))
                 .Append(" | ").Append(MarkdownText.Code(update.FamiliarTagged))
                 .Append(" | ").Append(update.From is { } from ? MarkdownText.Code(Short(from)) : "unpinned")
                 .Append(" → ").Append(MarkdownText.Code(Short(update.To)))
                 .Append(" | ").Append(MarkdownText.Plain(update.Platform))
                 .Append(" | ").Append(FirstSeen(update.FirstSeen)).Append(" |\n");
                shown++;
            }

            b.Append('\n');
        }

        if (shown < proposal.Updates.Count)
        {
            b.Append($"…and {proposal.Updates.Count - shown} more (too many for one description; the commit message lists them all).\n\n");
        }

        if (details)
        {
            b.Append("<details>\n<summary>Full digests</summary>\n\n| Where | Old digest | New digest |\n| --- | --- | --- |\n");
            foreach (var update in proposal.Updates)
            {
                b.Append("| ").Append(Where(update))
                 .Append(" | ").Append(update.From is { } from ? MarkdownText.Code(from.ToString()) : "unpinned")
                 .Append(" | ").Append(MarkdownText.Code(update.To.ToString())).Append(" |\n");
            }

            b.Append("\n</details>\n\n");
        }

        b.Append("## Build and scan\n\n");
        b.Append(buildScan is { } section && !string.IsNullOrWhiteSpace(section.Markdown)
            ? section.Markdown.Trim()
            : "_Not run: building and scanning are off for this repository (`build.enabled` in the fleet config, or `build: false` for the repository). Build this branch and run your checks before merging._");
        b.Append("\n\n---\n\n**What RefreshBot will do**\n\n");
        var branch = MarkdownText.Code(proposal.Group.Branch);
        b.Append("- When a newer digest appears, it updates this pull request (the branch ").Append(branch).Append(" and this description).\n");
        b.Append("- If you close this pull request without merging, it stops proposing these digests.\n");
        b.Append("- If you push commits to ").Append(branch).Append(", it stops rewriting the branch and says so in a comment.\n\n");
        b.Append(state).Append('\n');
        return b.ToString();
    }

    private static string Intro(Proposal proposal)
    {
        var moved = proposal.Updates.Count(u => !u.IsPin);
        var pinned = proposal.Updates.Count - moved;
        var parts = new List<string>();
        if (moved > 0)
        {
            parts.Add($"updates {Count(moved, "base image reference")} whose tag now points at a new digest");
        }

        if (pinned > 0)
        {
            parts.Add($"pins {Count(pinned, "unpinned base image reference")} to the digest {(pinned == 1 ? "its tag points" : "their tags point")} at now");
        }

        return "This pull request " + string.Join(", and ", parts) + ". Only the digests change: tags and every other character of the files stay as written.";
    }

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";

    private static string More(int hidden) => hidden > 0 ? $" and {hidden} more" : "";

    private static string Where(ProposedUpdate update) => MarkdownText.Code($"{update.Dockerfile}:{update.Line}");

    /// <summary>The first 12 hex characters of the encoded hash.</summary>
    public static string Short(Digest digest) => digest.Encoded.Length <= 12 ? digest.Encoded : digest.Encoded[..12];

    private static string FirstSeen(DateTimeOffset? seen)
        => seen is { } at ? at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : "now";
}

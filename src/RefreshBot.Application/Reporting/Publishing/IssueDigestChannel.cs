using Microsoft.Extensions.Logging;
using RefreshBot.Domain.Reports.Weekly;

namespace RefreshBot.Application.Reporting.Publishing;

/// <summary>
/// The digest as one issue per ISO week: title <c>RefreshBot weekly digest 2026-W48</c>, body the Markdown plus the
/// hidden <see cref="DigestIssueMarker"/>, labelled. Found again by labels + marker: a re-run updates the week's issue in
/// place (a closed one stays closed), and open digest issues of earlier weeks are closed with a comment linking it.
/// Safe to re-run after any failure: it never creates a second issue for a week it can find.
/// </summary>
public sealed partial class IssueDigestChannel(IDigestIssues issues, IReadOnlyList<string> labels, ILogger<IssueDigestChannel> logger) : IDigestChannel
{
    public string Name => "github-issue";

    public static string Title(IsoWeek week) => $"RefreshBot weekly digest {week}";

    public static string Body(WeeklyDigest digest) =>
        WeeklyDigestMarkdown.Render(digest).TrimEnd() + "\n\n" + DigestIssueMarker.For(digest.Week) + "\n";

    public async Task<string> PublishAsync(WeeklyDigest digest, CancellationToken cancellationToken)
    {
        var week = digest.Week;
        var draft = new DigestIssueDraft(Title(week), Body(digest), labels);
        var found = await issues.FindAsync(labels, cancellationToken).ConfigureAwait(false);
        var sameWeek = found.Where(i => DigestIssueMarker.Find(i.Body) == week)
            .OrderByDescending(i => i.IsOpen).ThenBy(i => i.Number).ToList();

        DigestIssue current;
        if (sameWeek.Count == 0)
        {
            current = await issues.CreateAsync(draft, cancellationToken).ConfigureAwait(false);
            LogCreated(logger, issues.Repository, current.Number, week, current.Url);
        }
        else if (NeedsUpdate(sameWeek[0], draft))
        {
            current = await issues.UpdateAsync(sameWeek[0].Number, draft, cancellationToken).ConfigureAwait(false);
            LogUpdated(logger, issues.Repository, current.Number, week);
        }
        else
        {
            current = sameWeek[0];
            LogUnchanged(logger, issues.Repository, current.Number, week);
        }

        var superseded = found.Where(i => i.IsOpen && i.Number != current.Number && DigestIssueMarker.Find(i.Body) is { } other && other.CompareTo(week) <= 0)
            .OrderBy(i => i.Number);
        foreach (var old in superseded)
        {
            var oldWeek = DigestIssueMarker.Find(old.Body)!.Value;
            var comment = oldWeek == week
                ? $"Duplicate of #{current.Number} ({current.Url}), the {week} digest."
                : $"Superseded by the {week} digest: #{current.Number} ({current.Url}).";
            await issues.CloseAsync(old.Number, comment, cancellationToken).ConfigureAwait(false);
            LogClosed(logger, issues.Repository, old.Number, oldWeek, current.Number);
        }

        return current.Url;
    }

    private static bool NeedsUpdate(DigestIssue issue, DigestIssueDraft draft) =>
        issue.Title != draft.Title || issue.Body.ReplaceLineEndings("\n") != draft.Body
        || draft.Labels.Any(l => !issue.Labels.Contains(l, StringComparer.OrdinalIgnoreCase));

    [LoggerMessage(Level = LogLevel.Information, Message = "Weekly digest {Week}: opened issue #{Number} in {Repository}: {Url}")]
    private static partial void LogCreated(ILogger logger, string repository, int number, IsoWeek week, string url);

    [LoggerMessage(Level = LogLevel.Information, Message = "Weekly digest {Week}: updated issue #{Number} in {Repository}")]
    private static partial void LogUpdated(ILogger logger, string repository, int number, IsoWeek week);

    [LoggerMessage(Level = LogLevel.Information, Message = "Weekly digest {Week}: issue #{Number} in {Repository} already up to date")]
    private static partial void LogUnchanged(ILogger logger, string repository, int number, IsoWeek week);

    [LoggerMessage(Level = LogLevel.Information, Message = "Closed the {Week} digest issue #{Number} in {Repository}: superseded by #{Current}")]
    private static partial void LogClosed(ILogger logger, string repository, int number, IsoWeek week, int current);
}

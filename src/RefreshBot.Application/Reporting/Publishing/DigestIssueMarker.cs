using System.Text.RegularExpressions;
using RefreshBot.Domain.Reports.Weekly;

namespace RefreshBot.Application.Reporting.Publishing;

/// <summary>
/// The hidden line <c>&lt;!-- refreshbot:digest 2026-W48 --&gt;</c> that ties an issue to its week: the issue is
/// found again by it (with the labels), never by its title, which a person may edit.
/// </summary>
public static partial class DigestIssueMarker
{
    public static string For(IsoWeek week) => $"<!-- refreshbot:digest {week} -->";

    /// <summary>The week of the first marker in <paramref name="body"/>, if any.</summary>
    public static IsoWeek? Find(string? body) =>
        body is not null && Marker().Match(body) is { Success: true } match && IsoWeek.TryParse(match.Groups["week"].Value, out var week)
            ? week
            : null;

    [GeneratedRegex(@"<!--\s*refreshbot:digest\s+(?<week>\d{4}-W\d{2})\s*-->")]
    private static partial Regex Marker();
}

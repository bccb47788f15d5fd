using RefreshBot.Application.Refresh.History;
using RefreshBot.Domain.Reports.Weekly;
using RefreshBot.Domain.Vulnerabilities.Severity;

namespace RefreshBot.Application.Reporting;

/// <summary>A recorded pull request and its latest evaluation → the digest's <see cref="ProposalDigest"/>; advisory ids for people.</summary>
internal static class ProposalDigests
{
    /// <param name="evaluation">Its latest evaluation (before it closed), or null.</param>
    public static ProposalDigest Of(RecordedProposal proposal, RecordedEvaluation? evaluation) => new(
        proposal.Number,
        proposal.Url,
        proposal.Branch,
        proposal.Title,
        proposal.Opened ?? DateTimeOffset.MinValue,
        proposal.Closed,
        BuildOf(evaluation),
        Sum(evaluation, s => s.FixedCounts),
        Sum(evaluation, s => s.IntroducedCounts),
        [.. proposal.Updates.Select(u => u.Image).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]);

    /// <summary>Failed when a new image failed to build, succeeded when at least one built and none failed, else not run.</summary>
    public static BuildStatus BuildOf(RecordedEvaluation? evaluation)
    {
        var builds = evaluation?.Dockerfiles.Select(d => d.New).OfType<RecordedBuild>().ToList() ?? [];
        return builds.Count == 0 ? BuildStatus.NotRun
            : builds.Any(b => !b.Succeeded) ? BuildStatus.Failed
            : BuildStatus.Succeeded;
    }

    public static SeverityCounts Sum(RecordedEvaluation? evaluation, Func<RecordedScan, SeverityCounts> counts) =>
        evaluation?.Dockerfiles.Select(d => d.Scan).OfType<RecordedScan>().Aggregate(SeverityCounts.None, (sum, scan) => sum.Plus(counts(scan)))
        ?? SeverityCounts.None;

    /// <summary>How people name an advisory: its CVE alias when it has one (the first in order), else its id.</summary>
    public static string DisplayId(RecordedAdvisory advisory) =>
        advisory.Aliases.Where(a => a.StartsWith("CVE-", StringComparison.Ordinal)).Order(StringComparer.Ordinal).FirstOrDefault() ?? advisory.Id;

    /// <summary>Distinct display ids, most severe first (an id seen with several severities takes the most severe), then ordinally.</summary>
    public static IReadOnlyList<string> Ids(IEnumerable<RecordedAdvisory> advisories) =>
    [
        .. advisories
            .GroupBy(DisplayId, StringComparer.Ordinal)
            .Select(g => (Id: g.Key, Severity: g.Min(a => a.Severity)))
            .OrderBy(x => x.Severity)
            .ThenBy(x => x.Id, StringComparer.Ordinal)
            .Select(x => x.Id),
    ];
}

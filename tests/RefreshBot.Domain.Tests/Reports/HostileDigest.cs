using RefreshBot.Domain.Reports.Weekly;
using RefreshBot.Domain.Vulnerabilities.Severity;

namespace RefreshBot.Testing.Reports;

/// <summary>A digest whose names, titles, reasons and URLs try to break out of Markdown tables, code spans and HTML.</summary>
public static class HostileDigest
{
    public const string Repository = "evil|org/`rm -rf`<script>alert(1)</script>";

    public const string Reason = "line one\n| injected | row |\r\n<img src=x onerror=alert(2)> **bold** [link](javascript:alert(3))";

    public const string Title = "Refresh ](javascript:alert(4)) <b>&amp;</b> | `x`";

    public const string BadUrl = "javascript:alert(5)";

    public const string ParenUrl = "https://github.com/acme/a(b)/pull/3?x=<y>|z";

    public static WeeklyDigest Digest
    {
        get
        {
            var asOf = WeeklyDigestSamples.AsOf;
            ProposalDigest Proposal(int number, string url, DateTimeOffset? closed) => new(
                number, url, "refreshbot/x", Title, asOf.AddHours(-30), closed, BuildStatus.Failed,
                new SeverityCounts(0, 1, 0, 0, 0), SeverityCounts.None, ["docker.io/library/node"]);
            var repository = new RepositoryDigest(
                Repository, RepositoryStatus.Failing, TimeSpan.FromMinutes(95),
                [Proposal(3, ParenUrl, null), Proposal(4, BadUrl, null)],
                [Proposal(2, ParenUrl, asOf.AddHours(-1))], [], asOf.AddHours(-1), Reason, [Reason]);
            return new WeeklyDigest(
                WeeklyDigestSamples.Week,
                asOf,
                new FleetSummary(1, 0, TimeSpan.FromMinutes(95), TimeSpan.FromMinutes(95), Repository, 2, 2, 1, 0,
                    [new BaseImageUse("registry.example/a|b`c", 1, ["1|2", "`tag`"])]),
                [repository],
                new SecuritySummary(new SeverityCounts(0, 1, 0, 0, 0), ["CVE-1|<x>"], SeverityCounts.None, SeverityCounts.None, 1),
                [new WeekTrendPoint(WeeklyDigestSamples.Week, TimeSpan.FromMinutes(95), 2, 0)]);
        }
    }
}

using System.Text;
using RefreshBot.Domain.Vulnerabilities.Osv;
using RefreshBot.Domain.Vulnerabilities.Severity;

namespace RefreshBot.Domain.Tests.Vulnerabilities;

public sealed class SeverityRatingTests
{
    [Theory]
    [InlineData("ubuntu/UBUNTU-CVE-2025-38094.json", SeverityLevel.Medium)] // {"type":"Ubuntu","score":"medium"}
    [InlineData("other-linter/GHSA-9v2f-6vcg-3hgv.json", SeverityLevel.Critical)] // database_specific.severity CRITICAL
    [InlineData("alpine/ALPINE-CVE-2025-26519.json", SeverityLevel.High)] // CVSS 7.0
    [InlineData("other-linter/CVE-2018-5407.json", SeverityLevel.Medium)] // CVSS 4.7
    [InlineData("redhat/RHSA-2024_4546.json", SeverityLevel.High)] // CVSS 7.5
    [InlineData("debian/DLA-3008-1.json", SeverityLevel.Unknown)] // Debian advisories carry no severity
    [InlineData("alpine/CVE-2022-27449.json", SeverityLevel.Unknown)]
    public void Vector_records(string file, SeverityLevel expected)
    {
        var record = OsvVectors.Record(file);
        Assert.Equal(expected, SeverityRating.For(record, record.Affected.FirstOrDefault()));
    }

    [Fact]
    public void Distro_label_beats_record_label_beats_cvss()
    {
        var record = Parse("""
            {"id":"X-1","severity":[{"type":"CVSS_V3","score":"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}],
             "database_specific":{"severity":"MODERATE"},
             "affected":[{"package":{"ecosystem":"Debian:12","name":"a"},"ecosystem_specific":{"urgency":"low"}},
                         {"package":{"ecosystem":"Debian:12","name":"b"},"ecosystem_specific":{"urgency":"not yet assigned"}}]}
            """);
        Assert.Equal(SeverityLevel.Low, SeverityRating.For(record, record.Affected[0]));
        Assert.Equal(SeverityLevel.Medium, SeverityRating.For(record, record.Affected[1])); // unhelpful label falls through
        Assert.Equal(SeverityLevel.Critical, SeverityRating.For(record with { SeverityLabel = null }, record.Affected[1]));
    }

    [Fact]
    public void Highest_cvss_v3_wins_and_v4_alone_is_unknown()
    {
        var record = Parse("""
            {"id":"X-2","severity":[{"type":"CVSS_V3","score":"CVSS:3.1/AV:L/AC:H/PR:L/UI:N/S:U/C:H/I:N/A:N"}],
             "affected":[{"package":{"ecosystem":"Debian:12","name":"a"},
               "severity":[{"type":"CVSS_V3","score":"CVSS:3.1/AV:L/AC:H/PR:L/UI:N/S:U/C:H/I:H/A:H"}]}]}
            """);
        Assert.Equal(SeverityLevel.High, SeverityRating.For(record, record.Affected[0]));
        var v4 = Parse("""{"id":"X-3","severity":[{"type":"CVSS_V4","score":"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"}]}""");
        Assert.Equal(SeverityLevel.Unknown, SeverityRating.For(v4, null));
    }

    [Theory]
    [InlineData("critical", SeverityLevel.Critical)]
    [InlineData("Important", SeverityLevel.High)]
    [InlineData("HIGH", SeverityLevel.High)]
    [InlineData("moderate", SeverityLevel.Medium)]
    [InlineData("negligible", SeverityLevel.Low)]
    [InlineData("unimportant", SeverityLevel.Low)]
    [InlineData("untriaged", null)]
    [InlineData(null, null)]
    public void Labels(string? label, SeverityLevel? expected) => Assert.Equal(expected, SeverityRating.FromLabel(label));

    private static OsvRecord Parse(string json) => OsvRecordParser.Parse(Encoding.UTF8.GetBytes(json), "t.json").Record!;
}

using System.Text;
using RefreshBot.Domain.Vulnerabilities.Osv;

namespace RefreshBot.Domain.Tests.Vulnerabilities;

public sealed class OsvRecordParserTests
{
    public static TheoryData<string> RecordFiles() => new(OsvVectors.AllRecordFiles());

    [Theory]
    [MemberData(nameof(RecordFiles))]
    public void Every_vector_record_parses(string file)
    {
        var result = OsvRecordParser.Parse(File.ReadAllBytes(OsvVectors.RecordPath(file)), file);
        Assert.True(result.IsSuccess, result.Error);
        Assert.False(string.IsNullOrEmpty(result.Record!.Id));
    }

    [Fact]
    public void Vector_record_count_matches_the_note()
    {
        Assert.Equal(22, OsvVectors.AllRecordFiles().Count());
    }

    [Fact]
    public void Debian_advisory_fields()
    {
        var record = OsvVectors.Record("debian/DLA-3008-1.json");
        Assert.Equal("DLA-3008-1", record.Id);
        Assert.Equal(["CVE-2022-1292", "DEBIAN-CVE-2022-1292"], record.Upstream);
        Assert.Equal(["CVE-2022-1292"], record.CveIds);
        Assert.Equal("openssl - security update", record.Summary);
        Assert.Equal(new DateTimeOffset(2022, 5, 14, 0, 0, 0, TimeSpan.Zero), record.Published);
        var affected = Assert.Single(record.Affected);
        Assert.Equal(new OsvPackage("Debian:9", "openssl", "pkg:deb/debian/openssl?arch=source"), affected.Package);
        var range = Assert.Single(affected.Ranges);
        Assert.Equal(OsvRangeType.Ecosystem, range.Type);
        Assert.Equal([new OsvEvent(OsvEventKind.Introduced, "0"), new OsvEvent(OsvEventKind.Fixed, "1.1.0l-1~deb9u6")], range.Events);
        Assert.Equal(19, affected.Versions.Count);
        Assert.Equal("1.1.0f-3", affected.Versions[0]);
    }

    [Fact]
    public void Nanosecond_timestamps_and_cvss_severity()
    {
        var record = OsvVectors.Record("alpine/ALPINE-CVE-2025-26519.json");
        Assert.Equal(new DateTimeOffset(2026, 7, 8, 4, 32, 24, TimeSpan.Zero).AddTicks(5480426), record.Modified);
        Assert.Equal([new OsvSeverity("CVSS_V3", "CVSS:3.1/AV:L/AC:H/PR:L/UI:N/S:U/C:H/I:H/A:H")], record.Severity);
        Assert.Equal(9, record.Affected.Count);
        Assert.Equal("Alpine:v3.19", record.Affected[3].Package!.Ecosystem);
        Assert.Equal("1.2.4_git20230717-r5", record.Affected[3].Ranges[0].Events[1].Version);
    }

    [Fact]
    public void Older_format_record_uses_aliases_and_has_no_purl()
    {
        var record = OsvVectors.Record("debian/DSA-3029-1.json");
        Assert.Equal(["CVE-2014-3616"], record.Aliases);
        Assert.Equal(["CVE-2014-3616"], record.CveIds);
        Assert.Null(record.Affected[0].Package!.Purl);
    }

    [Fact]
    public void Labels_come_from_severity_entries_and_database_specific()
    {
        Assert.Equal([new OsvSeverity("Ubuntu", "medium")], OsvVectors.Record("ubuntu/UBUNTU-CVE-2025-38094.json").Severity);
        Assert.Equal("CRITICAL", OsvVectors.Record("other-linter/GHSA-9v2f-6vcg-3hgv.json").SeverityLabel);
    }

    [Fact]
    public void Git_ranges_are_kept_and_entries_without_package_are_null()
    {
        var record = OsvVectors.Record("other-linter/CVE-2018-5407.json");
        var git = record.Affected[^1];
        Assert.Null(git.Package);
        Assert.Equal(OsvRangeType.Git, Assert.Single(git.Ranges).Type);
    }

    [Fact]
    public void Distro_label_in_ecosystem_specific_is_read()
    {
        const string json = """
            {"id":"DEBIAN-CVE-2099-1","affected":[{"package":{"ecosystem":"Debian:12","name":"x"},
             "ecosystem_specific":{"urgency":"low"},"ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"}]}]}]}
            """;
        var record = OsvRecordParser.Parse(Encoding.UTF8.GetBytes(json), "t.json").Record!;
        Assert.Equal("low", record.Affected[0].SeverityLabel);
    }

    [Theory]
    [InlineData("{", "t.json: not valid JSON")]
    [InlineData("[]", "t.json: a record must be a JSON object")]
    [InlineData("""{"summary":"x"}""", "t.json: record has no \"id\"")]
    [InlineData("""{"id":"A-1","affected":{}}""", "t.json: A-1: \"affected\" must be array, not object")]
    [InlineData("""{"id":"A-1","affected":[{"package":{"name":"x"}}]}""", "t.json: A-1: affected[0].package needs \"ecosystem\" and \"name\"")]
    [InlineData("""{"id":"A-1","affected":[{"ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0","fixed":"1"}]}]}]}""", "t.json: A-1: affected[0].ranges[0].events[0] must have exactly one string property")]
    [InlineData("""{"id":"A-1","affected":[{"ranges":[{"type":"ECOSYSTEM","events":[{"broken":"1"}]}]}]}""", "t.json: A-1: affected[0].ranges[0].events[0] has unknown event \"broken\"")]
    [InlineData("""{"id":"A-1","affected":[{"ranges":[{"events":[]}]}]}""", "t.json: A-1: affected[0].ranges[0] has no \"type\"")]
    [InlineData("""{"id":"A-1","modified":"yesterday"}""", "t.json: A-1: \"modified\" is not an RFC 3339 time: yesterday")]
    [InlineData("""{"id":"A-1","aliases":[1]}""", "t.json: A-1: \"aliases\" must hold strings")]
    public void Bad_records_are_errors_naming_file_and_id(string json, string expectedPrefix)
    {
        var result = OsvRecordParser.Parse(Encoding.UTF8.GetBytes(json), "t.json");
        Assert.False(result.IsSuccess);
        Assert.StartsWith(expectedPrefix, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_range_types_are_dropped_not_fatal()
    {
        var json = """{"id":"A-1","affected":[{"package":{"ecosystem":"Debian:12","name":"x"},"ranges":[{"type":"FUTURE","events":[]}]}]}""";
        var record = OsvRecordParser.Parse(Encoding.UTF8.GetBytes(json), "t.json").Record!;
        Assert.Empty(record.Affected[0].Ranges);
    }

    [Theory]
    [MemberData(nameof(RecordFiles))]
    public void Truncated_records_never_throw(string file)
    {
        var bytes = File.ReadAllBytes(OsvVectors.RecordPath(file));
        for (var cut = 0; cut < bytes.Length; cut += Math.Max(1, bytes.Length / 97))
        {
            var result = OsvRecordParser.Parse(bytes.AsMemory(0, cut), file);
            Assert.False(result.IsSuccess);
            Assert.StartsWith(file + ": ", result.Error, StringComparison.Ordinal);
        }
    }
}

using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using RefreshBot.Domain.Packages;
using RefreshBot.Domain.Vulnerabilities.Matching;
using RefreshBot.Domain.Vulnerabilities.Osv;

namespace RefreshBot.Benchmarks;

/// <summary>
/// OSV matching throughput: a Debian 12 inventory of 500 packages (from 250 source packages) against 3,000 synthetic
/// DEBIAN-CVE-style records (2,000 about installed source packages, 1,000 about others; ranges <c>introduced 0 /
/// fixed</c>, a third with an explicit versions list, a tenth for another release). Deterministic (fixed seed).
/// </summary>
[MemoryDiagnoser]
public class OsvBenchmarks
{
    private const int Packages = 500;
    private const int Records = 3000;

    private PackageInventory _inventory = null!;
    private OsvRecordIndex _index = null!;
    private OsvRecord[] _records = [];
    private byte[][] _json = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(4);
        var packages = Enumerable.Range(0, Packages).Select(i => new InstalledPackage(
            $"lib{i:D3}", Version(random), PackageFormat.Dpkg, SourceName: $"src{i / 2:D3}", Architecture: "amd64")).ToArray();
        _inventory = new PackageInventory(new OsRelease("debian", "12", "bookworm", [], "Debian GNU/Linux 12"), packages, []);
        _json = Enumerable.Range(0, Records).Select(i => Encoding.UTF8.GetBytes(Record(i, random))).ToArray();
        _records = _json.Select((j, i) => OsvRecordParser.Parse(j, $"r{i}").Record!).ToArray();
        _index = new OsvRecordIndex(_records);
    }

    [Benchmark(Description = "match 500 packages × 3000 records (indexed)")]
    public int Match() => VulnerabilityMatcher.Match(_inventory, _index).Findings.Count;

    [Benchmark(Description = "index 3000 parsed records")]
    public int Index() => new OsvRecordIndex(_records).Count;

    [Benchmark(Description = "parse 3000 records (JSON)")]
    public int Parse() => _json.Count(j => OsvRecordParser.Parse(j, "bench").IsSuccess);

    private static string Version(Random random)
        => string.Create(CultureInfo.InvariantCulture, $"{random.Next(0, 5)}.{random.Next(0, 20)}.{random.Next(0, 10)}-{random.Next(1, 4)}+deb12u{random.Next(1, 6)}");

    private static string Record(int i, Random random)
    {
        var source = i < 2000 ? $"src{i % (Packages / 2):D3}" : $"other{i:D4}";
        var release = i % 10 == 9 ? "11" : "12";
        var versions = i % 3 == 0
            ? "," + "\"versions\":[" + string.Join(",", Enumerable.Range(0, 20).Select(_ => $"\"{Version(random)}\"")) + "]"
            : "";
        return $$"""
            {"id":"DEBIAN-CVE-2026-{{i:D5}}","modified":"2026-07-01T00:00:00Z","upstream":["CVE-2026-{{i:D5}}"],
             "severity":[{"type":"CVSS_V3","score":"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N"}],
             "affected":[{"package":{"ecosystem":"Debian:{{release}}","name":"{{source}}","purl":"pkg:deb/debian/{{source}}?arch=source"},
               "ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"{{Version(random)}}"}]}]{{versions}}}]}
            """;
    }
}

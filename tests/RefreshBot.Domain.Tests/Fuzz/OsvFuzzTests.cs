using System.Text;
using CsCheck;
using RefreshBot.Domain.Vulnerabilities.Osv;
using Xunit.Abstractions;

namespace RefreshBot.Domain.Tests.Fuzz;

/// <summary>OSV record parser: every input ends as a record or an error naming its origin; never an exception, never a hang.</summary>
public sealed class OsvFuzzTests(ITestOutputHelper output)
{
    [Fact]
    public void Mutated_real_records_parse_or_fail_cleanly() =>
        FuzzRun.Check(output, "osv: mutated records", Mutations.OfBytes(Corpus.OsvRecords), seed: 9_301, iterations: 2500, Holds);

    [Fact]
    public void Hostile_json_parses_or_fails_cleanly() =>
        FuzzRun.Check(output, "osv: hostile shapes", Gen.Int[0, Hostile.Length - 1].SelectMany(i => Gen.Int[1, 4].Select(scale => Encoding.UTF8.GetBytes(Hostile[i](scale)))),
            seed: 9_302, iterations: 60, Holds, show: bytes => Encoding.UTF8.GetString(bytes.AsSpan(0, Math.Min(200, bytes.Length))));

    private static readonly Func<int, string>[] Hostile =
    [
        scale => HostileText.NestedArrays(100_000 * scale),
        scale => HostileText.NestedObjects(50_000 * scale),
        scale => "{\"id\":\"X\",\"affected\":[" + string.Join(",", Enumerable.Repeat("{\"package\":{\"ecosystem\":\"Debian\",\"name\":\"a\"},\"ranges\":[{\"type\":\"ECOSYSTEM\",\"events\":[{\"introduced\":\"0\"},{\"fixed\":\"1\"}]}],\"versions\":[\"1\"]}", 5_000 * scale)) + "]}",
        scale => "{\"id\":\"" + new string('A', 1_000_000 * scale) + "\"}",
        scale => "{\"id\":\"X\",\"affected\":[{\"ranges\":[{\"type\":\"ECOSYSTEM\",\"events\":" + HostileText.NestedArrays(60) + "}]}]}",
        scale => "{\"id\":\"X\",\"modified\":\"" + HostileText.Repeat("9", 1_000 * scale) + "-01-01T00:00:00Z\",\"published\":1e999}",
        scale => "{\"id\":\"X\",\"severity\":[{\"type\":\"CVSS_V3\",\"score\":\"CVSS:3.1/" + HostileText.Repeat("AV:N/", 10_000 * scale) + "\"}]}",
        scale => HostileText.Repeat("{\"id\":\"X\"}", 1_000 * scale),
        _ => "\uFEFF{\"id\":\"X\"}",
        _ => "{\"id\":\"X\",\"id\":\"Y\",\"affected\":null,\"aliases\":{},\"database_specific\":[]}",
    ];

    private static void Holds(byte[] utf8)
    {
        var result = OsvRecordParser.Parse(utf8, "fuzz.json");
        Assert.Equal(result.IsSuccess, result.Error is null);
        if (!result.IsSuccess)
        {
            Assert.Contains("fuzz.json", result.Error, StringComparison.Ordinal);
        }
    }
}

using BenchmarkDotNet.Attributes;
using RefreshBot.Domain.Versions;

namespace RefreshBot.Benchmarks;

/// <summary>
/// Version comparison throughput (OSV range matching calls these for every package × range bound) over the
/// OSV-SCALIBR generated vectors: real Debian and Alpine versions; the Red Hat fixture is cycled.
/// Each operation is one comparison of a pair of version strings.
/// </summary>
[MemoryDiagnoser]
public class VersionBenchmarks
{
    private const int Pairs = 13_000;

    private (string A, string B)[] _debian = [];
    private (string A, string B)[] _alpine = [];
    private (string A, string B)[] _redHat = [];
    private (DpkgVersion A, DpkgVersion B)[] _debianParsed = [];

    [GlobalSetup]
    public void Setup()
    {
        _debian = Load("debian-versions-generated.txt");
        _alpine = Load("alpine-versions-generated.txt");
        _redHat = Load("redhat-versions.txt");
        _debianParsed = _debian.Select(p => (DpkgVersion.Parse(p.A), DpkgVersion.Parse(p.B))).ToArray();
    }

    /// <summary>dpkg ordering of two strings (split + verrevcmp, no allocation).</summary>
    [Benchmark(OperationsPerInvoke = Pairs)]
    public int DpkgCompareStrings()
    {
        var total = 0;
        var ordering = VersionOrderings.Dpkg;
        foreach (var (a, b) in _debian)
        {
            ordering.TryCompare(a, b, out var result);
            total += result;
        }

        return total;
    }

    /// <summary>dpkg ordering of two already parsed <see cref="DpkgVersion"/> values.</summary>
    [Benchmark(OperationsPerInvoke = Pairs)]
    public int DpkgCompareParsed()
    {
        var total = 0;
        foreach (var (a, b) in _debianParsed)
        {
            total += a.CompareTo(b);
        }

        return total;
    }

    /// <summary>Parsing into <see cref="DpkgVersion"/> (one version per operation).</summary>
    [Benchmark(OperationsPerInvoke = Pairs)]
    public int DpkgParse()
    {
        var total = 0;
        foreach (var (a, _) in _debian)
        {
            total += DpkgVersion.Parse(a).Epoch;
        }

        return total;
    }

    /// <summary>apk ordering of two strings (tokenizer on spans, no allocation).</summary>
    [Benchmark(OperationsPerInvoke = Pairs)]
    public int ApkCompareStrings()
    {
        var total = 0;
        var ordering = VersionOrderings.Apk;
        foreach (var (a, b) in _alpine)
        {
            ordering.TryCompare(a, b, out var result);
            total += result;
        }

        return total;
    }

    /// <summary>rpm EVR ordering of two strings.</summary>
    [Benchmark(OperationsPerInvoke = Pairs)]
    public int RpmCompareStrings()
    {
        var total = 0;
        var ordering = VersionOrderings.Rpm;
        foreach (var (a, b) in _redHat)
        {
            ordering.TryCompare(a, b, out var result);
            total += result;
        }

        return total;
    }

    private static (string A, string B)[] Load(string file)
    {
        var rows = File.ReadLines(Path.Combine(BenchmarkData.VectorFolder("osv-scalibr-semantic"), file))
            .Where(line => line.Length > 0 && !line.StartsWith("# ", StringComparison.Ordinal) && !line.StartsWith("// ", StringComparison.Ordinal))
            .Select(line => line.Split(' '))
            .Select(pieces => (pieces[0], pieces[2]))
            .ToArray();
        return Enumerable.Range(0, Pairs).Select(i => rows[i % rows.Length]).ToArray();
    }
}

using BenchmarkDotNet.Attributes;
using RefreshBot.Domain.References;

namespace RefreshBot.Benchmarks;

/// <summary>Image reference and digest parsing: the hot path of every Dockerfile scan.</summary>
[MemoryDiagnoser]
public class ReferenceBenchmarks
{
    private string[] _references = [];
    private string[] _digests = [];

    [GlobalSetup]
    public void Setup()
    {
        _references = BenchmarkData.ValidReferenceInputs();
        foreach (var input in _references)
        {
            ImageReference.Parse(input); // fail fast if a vector stopped parsing
        }

        _digests =
        [
            "sha256:9c4bf7dbb981591d4a1169138471afe4bf5ff5418841d00e30a7ba372e38d6c1",
            "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "sha512:" + new string('f', 128),
        ];
    }

    /// <summary>Per reference (all valid inputs of the distribution/reference vectors).</summary>
    [Benchmark(OperationsPerInvoke = 64)]
    public int ImageReferenceParse()
    {
        var total = 0;
        var inputs = _references;
        for (var i = 0; i < 64; i++)
        {
            total += ImageReference.Parse(inputs[i % inputs.Length]).Path.Length;
        }

        return total;
    }

    /// <summary>Per digest.</summary>
    [Benchmark(OperationsPerInvoke = 3)]
    public int DigestParse()
    {
        var total = 0;
        foreach (var text in _digests)
        {
            total += Digest.Parse(text).Encoded.Length;
        }

        return total;
    }
}

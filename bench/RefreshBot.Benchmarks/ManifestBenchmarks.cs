using BenchmarkDotNet.Attributes;
using RefreshBot.Domain.Manifests;
using RefreshBot.Domain.Platforms;
using RefreshBot.Domain.References;

namespace RefreshBot.Benchmarks;

/// <summary>Parsing a real Docker Hub manifest list (image-spec compat document) and picking a platform.</summary>
[MemoryDiagnoser]
public class ManifestBenchmarks
{
    private byte[] _index = [];
    private readonly Platform _arm64 = Platform.Parse("linux/arm64");

    [GlobalSetup]
    public void Setup()
        => _index = File.ReadAllBytes(Path.Combine(
            BenchmarkData.VectorFolder("registry-manifests"), "documents", "image-spec-compat-docker-manifest-list-v2-0.json"));

    [Benchmark]
    public ManifestDocument ManifestDocumentParse() => ManifestDocument.Parse(ManifestMediaTypes.DockerManifestList, _index);

    [Benchmark]
    public IndexEntry? ParseAndSelectPlatform()
        => ((ImageIndex)ManifestDocument.Parse(ManifestMediaTypes.DockerManifestList, _index)).SelectPlatform(_arm64);

    [Benchmark]
    public bool VerifyDigest() => Digest.Sha256Of(_index).Encoded.Length == 64;
}

using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using RefreshBot.Adapters.Layers;
using RefreshBot.Adapters.Registry.Blobs;
using RefreshBot.Application.Ports;
using RefreshBot.Domain.Manifests;
using RefreshBot.Domain.References;

namespace RefreshBot.Benchmarks;

/// <summary>
/// Inspecting one large gzip layer (about 200 MB uncompressed: text, random and zero-filled files, a dpkg status
/// among them; generated once into a temporary file) against plain gzip decompression of the same blob. The inspector
/// reads the blob from the file through its public ports (no HTTP, no digest check, cache off), so the difference is
/// what tar parsing, whiteout bookkeeping and keeping the interesting files cost.
/// </summary>
[MemoryDiagnoser]
public class LayerBenchmarks
{
    private const long UncompressedTarget = 200L * 1024 * 1024;
    private string _blobPath = "";
    private Digest _layer;
    private LayerInspector _inspector = null!;
    private FileLayerRegistry _registry = null!;

    [GlobalSetup]
    public void Setup()
    {
        _blobPath = Path.Combine(Path.GetTempPath(), "refreshbot-bench-layer.tar.gz");
        if (!File.Exists(_blobPath))
        {
            Generate(_blobPath);
        }

        using (var file = File.OpenRead(_blobPath))
        {
            _layer = new Digest(Digest.Sha256, Convert.ToHexStringLower(SHA256.HashData(file)));
        }

        _registry = new FileLayerRegistry(_blobPath, _layer, new FileInfo(_blobPath).Length);
        _inspector = new LayerInspector(_registry, _registry, new LayerInspectorOptions { CacheBytes = 0 });
        Console.WriteLine($"// layer blob: {new FileInfo(_blobPath).Length} bytes compressed");
    }

    [Benchmark(Baseline = true)]
    public async Task<long> GzipDecompressOnly()
    {
        await using var file = new FileStream(_blobPath, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
        await using var gzip = new GZipStream(file, CompressionMode.Decompress);
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await gzip.ReadAsync(buffer)) > 0)
        {
            total += read;
        }

        return total;
    }

    [Benchmark]
    public async Task<int> InspectLayer()
    {
        var files = await _inspector.ReadRemoteFilesAsync(FileLayerRegistry.Image, _registry.ManifestDigest, CancellationToken.None);
        return files.DpkgStatus?.Content.Length ?? throw new InvalidOperationException("dpkg status not found");
    }

    private static void Generate(string path)
    {
        var random = new Random(42);
        var text = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, 2000).Select(i => $"line {i} of some compressible documentation text\n")));
        using var output = File.Create(path);
        using var gzip = new GZipStream(output, CompressionLevel.Fastest);
        using var writer = new TarWriter(gzip, TarEntryFormat.Pax);
        writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "var/lib/dpkg/status")
        {
            DataStream = new MemoryStream(Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, 500).Select(i => $"Package: p{i}\nVersion: 1.{i}\n\n")))),
        });
        long written = 0;
        for (var i = 0; written < UncompressedTarget; i++)
        {
            var size = random.Next(1, 256) * 1024;
            var content = new byte[size];
            switch (i % 3)
            {
                case 0:
                    random.NextBytes(content);
                    break;
                case 1:
                    for (var o = 0; o < size; o += text.Length)
                    {
                        text.AsSpan(0, Math.Min(text.Length, size - o)).CopyTo(content.AsSpan(o));
                    }

                    break;
            }

            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, $"usr/share/bench/{i % 50}/file{i}.bin") { DataStream = new MemoryStream(content) });
            written += size + 512;
        }
    }

    /// <summary>A one-layer image whose manifest is in memory and whose only blob is the generated file.</summary>
    private sealed class FileLayerRegistry : IRegistryClient, IBlobSource
    {
        public static readonly ImageReference Image = new("bench.invalid", "layer", null, null);
        private readonly string _path;
        private readonly byte[] _manifest;

        public FileLayerRegistry(string path, Digest layer, long size)
        {
            _path = path;
            _manifest = Encoding.UTF8.GetBytes($$"""
                {"schemaVersion":2,"mediaType":"{{ManifestMediaTypes.OciManifest}}",
                 "config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"{{Digest.Sha256Of([])}}","size":0},
                 "layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"{{layer}}","size":{{size}}}]}
                """);
            ManifestDigest = Digest.Sha256Of(_manifest);
        }

        public Digest ManifestDigest { get; }

        public Task<ManifestDescriptor> HeadManifestAsync(ImageReference image, string reference, CancellationToken cancellationToken) =>
            Task.FromResult(new ManifestDescriptor(ManifestDigest, ManifestMediaTypes.OciManifest, _manifest.Length));

        public Task<FetchedManifest> GetManifestAsync(ImageReference image, string reference, CancellationToken cancellationToken) =>
            Task.FromResult(new FetchedManifest(new ManifestDescriptor(ManifestDigest, ManifestMediaTypes.OciManifest, _manifest.Length), _manifest));

        public Task<Stream> OpenBlobAsync(ImageReference image, Digest digest, CancellationToken cancellationToken) =>
            Task.FromResult<Stream>(new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true));
    }
}

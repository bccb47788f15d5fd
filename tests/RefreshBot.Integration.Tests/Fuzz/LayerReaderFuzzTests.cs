using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using CsCheck;
using RefreshBot.Adapters.Layers;
using RefreshBot.Adapters.Layers.Reading;
using RefreshBot.Domain.Tests.Fuzz;
using Xunit.Abstractions;

namespace RefreshBot.Integration.Tests.Fuzz;

/// <summary>
/// The tar+gzip layer reader under damaged archives: it returns a delta or throws an exception the inspector records
/// as a layer failure (<see cref="LayerFailure.IsLayerFailure"/>), never hangs, and stays within its byte limits
/// (a gzip bomb stops at <see cref="LayerInspectorOptions.MaxLayerBytes"/>).
/// </summary>
public sealed class LayerReaderFuzzTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("refreshbot-layer-fuzz-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    private LayerInspectorOptions Options => new() { MaxLayerBytes = 4 * 1024 * 1024, MaxFileBytes = 256 * 1024, MaxRpmDatabaseBytes = 256 * 1024, TempRoot = _temp };

    [Fact]
    public Task Mutated_layers_read_or_fail_as_layer_failures() =>
        FuzzRun.CheckAsync(output, "layer: mutated tar / tar+gzip", Gen.Select(Mutations.OfBytes([.. Layers, .. Layers.Select(Gzip)]), Gen.Bool), seed: 9_601, iterations: 1500, HoldsAsync,
            show: input => $"{(input.Item2 ? "gzip " : "")}{Convert.ToBase64String(input.Item1.AsSpan(0, Math.Min(300, input.Item1.Length)))}");

    [Fact]
    public Task Gzip_bombs_and_endless_archives_stop_at_the_limit() =>
        FuzzRun.CheckAsync(output, "layer: hostile archives", Gen.Int[0, 2].SelectMany(kind => Gen.Int[1, 4].Select(scale => (Hostile(kind, scale), kind != 2))),
            seed: 9_602, iterations: 12, HoldsAsync, show: input => $"{input.Item1.Length} bytes");

    private async Task HoldsAsync((byte[] Content, bool Gzip) input, CancellationToken cancellationToken)
    {
        // Content that already is gzip (a damaged compressed layer from the corpus) is read as it is.
        var bytes = input.Gzip && !LayerCompressions.IsGzip(input.Content) ? Gzip(input.Content) : input.Content;
        await using var raw = new MemoryStream(bytes, writable: false);
        await using var tar = LayerCompressions.Open(input.Gzip ? LayerCompression.Gzip : LayerCompression.None, raw);
        try
        {
            var delta = await new LayerReader(Options).ReadAsync(tar, cancellationToken);
            Assert.NotNull(delta);
        }
        catch (Exception e) when (LayerFailure.IsLayerFailure(e))
        {
            Assert.False(string.IsNullOrWhiteSpace(LayerFailure.Describe(e)));
        }
    }

    private static IReadOnlyList<byte[]> Layers { get; } =
    [
        Tar(("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n"), ("var/lib/dpkg/status", "Package: a\nStatus: install ok installed\nVersion: 1.0-1\n\n")),
        Tar(("lib/apk/db/installed", "P:musl\nV:1.2.4-r2\nA:x86_64\n\n"), ("etc/.wh.os-release", ""), ("usr/lib/os-release", "ID=alpine\n")),
        Tar(("../../etc/passwd", "root:x:0:0"), ("/etc/os-release", "ID=evil"), ("var/lib/dpkg/status.d/a", "Package: a\nVersion: 1\n"), ("var/lib/dpkg/.wh..wh..opq", "")),
        Tar(("var/lib/rpm/rpmdb.sqlite", "SQLite format 3\0" + new string('x', 2000)), ("usr/lib/sysimage/rpm/rpmdb.sqlite", "not sqlite")),
        Links(),
    ];

    private static byte[] Tar(params (string Name, string Content)[] files)
    {
        using var memory = new MemoryStream();
        using (var writer = new TarWriter(memory, TarEntryFormat.Pax, leaveOpen: true))
        {
            writer.WriteEntry(new PaxTarEntry(TarEntryType.Directory, "etc/"));
            foreach (var (name, content) in files)
            {
                writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content)) });
            }
        }

        return memory.ToArray();
    }

    private static byte[] Links()
    {
        using var memory = new MemoryStream();
        using (var writer = new TarWriter(memory, TarEntryFormat.Gnu, leaveOpen: true))
        {
            writer.WriteEntry(new GnuTarEntry(TarEntryType.SymbolicLink, "etc/os-release") { LinkName = "../usr/lib/os-release" });
            writer.WriteEntry(new GnuTarEntry(TarEntryType.SymbolicLink, "usr/lib/os-release") { LinkName = "/etc/os-release" });
            writer.WriteEntry(new GnuTarEntry(TarEntryType.HardLink, "var/lib/dpkg/status") { LinkName = "var/lib/dpkg/status" });
            writer.WriteEntry(new GnuTarEntry(TarEntryType.SymbolicLink, "lib") { LinkName = "lib" });
            writer.WriteEntry(new GnuTarEntry(TarEntryType.Fifo, "etc/fifo"));
        }

        return memory.ToArray();
    }

    /// <summary>0: a gzip bomb of zeros (gzipped by the property); 1: one file far larger than the limits; 2: a stream of zero blocks with no entries.</summary>
    private static byte[] Hostile(int kind, int scale) => kind switch
    {
        0 => new byte[8 * 1024 * 1024 * scale],
        1 => Tar(("var/lib/dpkg/status", new string('P', 1024 * 1024 * scale))),
        _ => Enumerable.Repeat((byte)'A', 2 * 1024 * 1024 * scale).ToArray(),
    };

    private static byte[] Gzip(byte[] content)
    {
        using var memory = new MemoryStream();
        using (var gzip = new GZipStream(memory, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(content);
        }

        return memory.ToArray();
    }
}

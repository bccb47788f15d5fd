using System.Text;
using CsCheck;
using RefreshBot.Domain.Manifests;
using Xunit.Abstractions;

namespace RefreshBot.Domain.Tests.Fuzz;

/// <summary>
/// Manifest / index parser: TryParse never throws (a document or an error), Parse throws only
/// <see cref="FormatException"/>, whatever the declared media type; never a hang.
/// </summary>
public sealed class ManifestFuzzTests(ITestOutputHelper output)
{
    private static readonly string[] MediaTypes =
    [
        "", "application/json", "application/vnd.oci.image.index.v1+json", "application/vnd.oci.image.manifest.v1+json",
        "application/vnd.docker.distribution.manifest.list.v2+json", "application/vnd.docker.distribution.manifest.v2+json",
        "application/vnd.docker.distribution.manifest.v1+prettyjws", "APPLICATION/VND.OCI.IMAGE.INDEX.V1+JSON; charset=utf-8", "text/plain", ";;;", "a/b/c",
    ];

    [Fact]
    public void Mutated_real_documents_parse_or_fail_cleanly() =>
        FuzzRun.Check(output, "manifest: mutated documents", Gen.Select(Gen.Int[0, MediaTypes.Length - 1], Mutations.OfBytes(Corpus.ManifestDocuments)),
            seed: 9_401, iterations: 2500, Holds, show: Show);

    [Fact]
    public void Hostile_json_parses_or_fails_cleanly() =>
        FuzzRun.Check(output, "manifest: hostile shapes", Gen.Select(Gen.Int[0, MediaTypes.Length - 1], Gen.Int[0, Hostile.Length - 1].SelectMany(i => Gen.Int[1, 4].Select(scale => Encoding.UTF8.GetBytes(Hostile[i](scale))))),
            seed: 9_402, iterations: 80, Holds, show: Show);

    private static readonly Func<int, string>[] Hostile =
    [
        scale => HostileText.NestedArrays(100_000 * scale),
        scale => HostileText.NestedObjects(50_000 * scale),
        scale => "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[" + string.Join(",", Enumerable.Repeat(
            "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"size\":1,\"digest\":\"sha256:" + new string('a', 64) + "\",\"platform\":{\"os\":\"linux\",\"architecture\":\"amd64\"}}", 10_000 * scale)) + "]}",
        scale => "{\"schemaVersion\":2,\"config\":{\"mediaType\":\"a/b\",\"size\":" + new string('9', 1000 * scale) + ",\"digest\":\"sha256:" + new string('a', 64) + "\"},\"layers\":[]}",
        scale => "{\"schemaVersion\":2,\"annotations\":{" + string.Join(",", Enumerable.Range(0, 20_000 * scale).Select(i => $"\"k{i}\":\"v\"")) + "}}",
        _ => "{\"schemaVersion\":2,\"manifests\":[{\"digest\":\"sha256:" + new string('g', 64) + "\",\"size\":-1,\"urls\":[\"::\"],\"data\":\"!!\"}]}",
        _ => "{\"schemaVersion\":2} {\"schemaVersion\":2}",
        _ => "\uFEFF{}",
    ];

    private static string Show((int MediaType, byte[] Content) input) =>
        $"[{MediaTypes[input.MediaType]}] " + Encoding.UTF8.GetString(input.Content.AsSpan(0, Math.Min(400, input.Content.Length)));

    private static void Holds((int MediaType, byte[] Content) input)
    {
        var mediaType = MediaTypes[input.MediaType];
        var parsed = ManifestDocument.TryParse(mediaType, input.Content, out var document, out var error);
        Assert.Equal(parsed, document is not null);
        Assert.Equal(parsed, error is null);
        if (!parsed)
        {
            Assert.Throws<FormatException>(() => ManifestDocument.Parse(mediaType, input.Content));
        }
    }
}

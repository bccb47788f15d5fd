using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text.Json;
using RefreshBot.Adapters.Layers.Paths;
using RefreshBot.Adapters.Layers.Reading;
using RefreshBot.Domain.References;

namespace RefreshBot.Adapters.Layers.Local;

/// <summary>
/// Reads a <c>docker save</c> archive as it streams. Layers may come before <c>manifest.json</c> (Docker 20.10
/// writes <c>&lt;id&gt;/layer.tar</c> directories, sorted, then <c>manifest.json</c>; newer versions write an OCI
/// layout with <c>blobs/sha256/…</c>), so nothing waits for the manifest: every entry whose first bytes are a tar
/// header or a gzip stream is read as a layer on the spot (its sha256 computed as it goes), small other entries
/// (JSON documents, an empty layer) are kept in memory, and the order comes from <c>manifest.json</c> at the end.
/// Links between entries (20.10 links a repeated layer to its first copy) are followed inside the archive.
/// No layer is buffered or spooled.
/// </summary>
internal sealed class DockerSaveArchive(LayerReader reader)
{
    private const int MaxSmallEntryBytes = 1024 * 1024;
    private const int MaxLinkHops = 8;

    private readonly Dictionary<string, (Digest Digest, LayerDelta Delta)> _layers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, byte[]> _small = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _links = new(StringComparer.Ordinal);

    public async Task ReadAsync(Stream archive, CancellationToken cancellationToken)
    {
        await using var outer = new TarReader(archive, leaveOpen: true);
        while (await outer.GetNextEntryAsync(copyData: false, cancellationToken) is { } entry)
        {
            if (LayerPath.NormalizeEntryName(entry.Name) is not { } path)
            {
                continue;
            }

            if (entry.EntryType is TarEntryType.SymbolicLink or TarEntryType.HardLink
                && LayerPath.ResolveLinkTarget(path, entry.LinkName, relativeToParent: entry.EntryType == TarEntryType.SymbolicLink) is { } target)
            {
                _links[path] = target;
            }
            else if (entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile && entry.DataStream is { } data)
            {
                try
                {
                    await ReadFileAsync(path, data, entry.Length, cancellationToken);
                }
                catch (Exception e) when (LayerFailure.IsLayerFailure(e) && e is not LayerReadException)
                {
                    throw new LayerReadException($"{path}: {LayerFailure.Describe(e)}", e);
                }
                catch (LayerReadException e)
                {
                    throw new LayerReadException($"{path}: {e.Message}", e);
                }
            }
        }
    }

    /// <summary>The layers in the order <c>manifest.json</c> gives, each with its sha256 and delta.</summary>
    public async Task<IReadOnlyList<(Digest Digest, LayerDelta Delta)>> OrderedLayersAsync(CancellationToken cancellationToken)
    {
        if (!_small.TryGetValue("manifest.json", out var manifest))
        {
            throw new LayerReadException("the docker save archive has no manifest.json");
        }

        var ordered = new List<(Digest, LayerDelta)>();
        foreach (var layerPath in LayerPaths(manifest))
        {
            var path = Follow(layerPath);
            if (_layers.TryGetValue(path, out var read))
            {
                ordered.Add(read);
            }
            else if (_small.TryGetValue(path, out var tiny))
            {
                // a tiny layer (e.g. an empty tar: 1024 zero bytes) carries no header to sniff
                ordered.Add((Digest.Sha256Of(tiny), await reader.ReadAsync(new MemoryStream(tiny, writable: false), cancellationToken)));
            }
            else
            {
                throw new LayerReadException($"layer {layerPath} listed in manifest.json is not in the docker save archive");
            }
        }

        return ordered;
    }

    private async Task ReadFileAsync(string path, Stream data, long length, CancellationToken cancellationToken)
    {
        var head = new byte[512];
        var headLength = await data.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        var sniffed = head.AsMemory(0, headLength);
        if (LayerCompressions.IsGzip(sniffed.Span) || LayerCompressions.IsTar(sniffed.Span))
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var hashed = new HashingReadStream(new PrefixedReadStream(sniffed, data), hash);
            var compression = LayerCompressions.IsGzip(sniffed.Span) ? LayerCompression.Gzip : LayerCompression.None;
            LayerDelta delta;
            await using (var tar = LayerCompressions.Open(compression, hashed))
            {
                delta = await reader.ReadAsync(tar, cancellationToken);
            }

            await hashed.CopyToAsync(Stream.Null, cancellationToken);
            _layers[path] = (new Digest(Digest.Sha256, Convert.ToHexStringLower(hash.GetHashAndReset())), delta);
        }
        else if (length <= MaxSmallEntryBytes)
        {
            var content = new byte[length];
            sniffed.CopyTo(content);
            await data.ReadExactlyAsync(content.AsMemory(headLength), cancellationToken);
            _small[path] = content;
        }
    }

    private string Follow(string path)
    {
        var current = LayerPath.NormalizeEntryName(path) ?? throw new LayerReadException($"manifest.json names an unsafe layer path \"{path}\"");
        for (var hop = 0; hop < MaxLinkHops && _links.TryGetValue(current, out var target); hop++)
        {
            current = target;
        }

        return current;
    }

    private static List<string> LayerPaths(byte[] manifest)
    {
        try
        {
            using var json = JsonDocument.Parse(manifest);
            var images = json.RootElement;
            if (images.ValueKind != JsonValueKind.Array || images.GetArrayLength() != 1)
            {
                throw new LayerReadException("manifest.json of the docker save archive must list exactly one image");
            }

            return images[0].GetProperty("Layers").EnumerateArray().Select(l => l.GetString() ?? "").ToList();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new LayerReadException("manifest.json of the docker save archive is malformed: " + e.Message);
        }
    }
}

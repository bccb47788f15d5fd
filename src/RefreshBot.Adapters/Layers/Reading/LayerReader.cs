using System.Formats.Tar;
using RefreshBot.Adapters.Layers.Paths;
using RefreshBot.Adapters.Layers.Rpm;

namespace RefreshBot.Adapters.Layers.Reading;

/// <summary>
/// Reads one layer's tar stream, forward only, into a <see cref="LayerDelta"/>: the interesting files (content
/// capped per file), links and directories on the way to them, whiteouts and opaque markers. Everything else is
/// skipped as it streams by. Entry names are normalized; absolute names and names with a <c>..</c> component
/// are ignored, as are devices and FIFOs. Nothing is written to disk except an rpm SQLite database, to a
/// private temporary directory, deleted before this returns.
/// </summary>
internal sealed class LayerReader(LayerInspectorOptions options)
{
    private const string WhiteoutPrefix = ".wh.";
    private const string OpaqueMarker = ".wh..wh..opq";

    /// <summary>Reads <paramref name="tar"/> (already decompressed) to its end.</summary>
    /// <exception cref="LayerReadException">Over a limit, or the archive ends without its end-of-archive marker.</exception>
    public async Task<LayerDelta> ReadAsync(Stream tar, CancellationToken cancellationToken)
    {
        await using var bounded = new BoundedReadStream(tar, options.MaxLayerBytes, "layer (decompressed)");
        var whiteouts = new List<string>();
        var opaque = new List<string>();
        var entries = new Dictionary<string, LayerNode>(StringComparer.Ordinal);
        long size = 0;
        await using (var reader = new TarReader(bounded, leaveOpen: true))
        {
            while (await reader.GetNextEntryAsync(copyData: false, cancellationToken) is { } entry)
            {
                var path = LayerPath.NormalizeEntryName(entry.Name);
                if (path is null)
                {
                    continue;
                }

                var name = LayerPath.FileName(path);
                var parent = LayerPath.Parent(path);
                if (name == OpaqueMarker)
                {
                    if (parent.Length > 0 && InterestingPaths.Matters(parent))
                    {
                        opaque.Add(parent);
                    }

                    continue;
                }

                if (name.StartsWith(WhiteoutPrefix, StringComparison.Ordinal))
                {
                    var target = parent.Length == 0 ? name[WhiteoutPrefix.Length..] : parent + "/" + name[WhiteoutPrefix.Length..];
                    if (name.Length > WhiteoutPrefix.Length && InterestingPaths.Matters(target))
                    {
                        whiteouts.Add(target);
                    }

                    continue;
                }

                if (await ReadEntryAsync(entry, path, cancellationToken) is { } node)
                {
                    entries[path] = node;
                    size += SizeOf(node) + path.Length;
                }
            }

            if (bounded.ReachedEnd)
            {
                throw new LayerReadException(
                    $"the tar archive ends without its end-of-archive marker after {bounded.BytesRead} bytes (truncated layer?)");
            }
        }

        // the rest (padding, a gzip trailer) still counts, and reading it lets the blob's digest be verified
        await bounded.DrainAsync(cancellationToken);
        return new LayerDelta(whiteouts, opaque, entries, size);
    }

    private async Task<LayerNode?> ReadEntryAsync(TarEntry entry, string path, CancellationToken cancellationToken)
    {
        switch (entry.EntryType)
        {
            case TarEntryType.Directory:
                return InterestingPaths.IsAncestor(path) ? DirectoryNode.Instance : null;
            case TarEntryType.SymbolicLink:
                return InterestingPaths.Matters(path) && LayerPath.ResolveLinkTarget(path, entry.LinkName) is { } target
                    ? new LinkNode(target) : null;
            case TarEntryType.HardLink:
                // a hard link names another entry of the archive, relative to the archive's root
                return InterestingPaths.Matters(path) && LayerPath.ResolveLinkTarget(path, entry.LinkName, relativeToParent: false) is { } linked
                    ? new LinkNode(linked) : null;
            case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                return await ReadFileAsync(entry, path, cancellationToken);
            default:
                // devices, FIFOs, sparse and other exotic entries are never what we read
                return null;
        }
    }

    private async Task<LayerNode?> ReadFileAsync(TarEntry entry, string path, CancellationToken cancellationToken)
    {
        switch (InterestingPaths.KindOf(path))
        {
            case null:
                // a plain file where a directory on the way to an interesting file was: it hides what was below
                return InterestingPaths.IsAncestor(path) ? new PresenceNode(Interesting: false) : null;
            case ImageFileKind.RpmLegacy:
                return new PresenceNode(Interesting: true);
            case ImageFileKind.RpmSqlite:
                return await RpmDatabaseCopy.ReadAsync(
                    entry.DataStream ?? Stream.Null, path, options.MaxRpmDatabaseBytes, options.TempRoot, cancellationToken);
            default:
                return new FileNode(await ReadContentAsync(entry, path, cancellationToken));
        }
    }

    private async Task<byte[]> ReadContentAsync(TarEntry entry, string path, CancellationToken cancellationToken)
    {
        if (entry.Length > options.MaxFileBytes)
        {
            throw new LayerReadException($"{path} is {entry.Length} bytes, more than the {options.MaxFileBytes} byte limit for one file");
        }

        if (entry.DataStream is null || entry.Length == 0)
        {
            return [];
        }

        var content = new byte[entry.Length];
        await entry.DataStream.ReadExactlyAsync(content, cancellationToken);
        return content;
    }

    private static long SizeOf(LayerNode node) => node switch
    {
        FileNode file => file.Content.Length,
        RpmDatabaseNode rpm => rpm.Read.Packages.Count * 256L,
        LinkNode link => link.Target.Length,
        _ => 0,
    };
}

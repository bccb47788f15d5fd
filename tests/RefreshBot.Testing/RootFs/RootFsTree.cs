using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace RefreshBot.Testing.RootFs;

/// <summary>
/// A root filesystem (or one layer of it) described in memory: directories, files, symlinks, and whiteouts for
/// upper layers. <see cref="ToLayer"/> writes it as a deterministic gzip tar (fixed times, owner root, sorted
/// parents first), so the same content always gives the same layer digest.
/// </summary>
public sealed class RootFsTree
{
    private readonly SortedDictionary<string, Node> _nodes = new(StringComparer.Ordinal);

    public RootFsTree Directory(string path, UnixFileMode mode = Modes.Directory)
    {
        Add(path, new Node(TarEntryType.Directory, null, null, mode));
        return this;
    }

    public RootFsTree File(string path, byte[] content, UnixFileMode mode = Modes.File)
    {
        Add(path, new Node(TarEntryType.RegularFile, content, null, mode));
        return this;
    }

    public RootFsTree File(string path, string content, UnixFileMode mode = Modes.File) =>
        File(path, Encoding.UTF8.GetBytes(content), mode);

    public RootFsTree Symlink(string path, string target)
    {
        Add(path, new Node(TarEntryType.SymbolicLink, null, target, Modes.Symlink));
        return this;
    }

    /// <summary>An OCI whiteout: deletes <paramref name="path"/> of lower layers (<c>dir/.wh.name</c>).</summary>
    public RootFsTree Whiteout(string path)
    {
        var clean = Clean(path);
        var slash = clean.LastIndexOf('/');
        var whiteout = slash < 0 ? ".wh." + clean : clean[..(slash + 1)] + ".wh." + clean[(slash + 1)..];
        return File(whiteout, []);
    }

    /// <summary>An opaque-directory marker: hides everything lower layers put in <paramref name="directory"/>.</summary>
    public RootFsTree OpaqueDirectory(string directory) => File(Clean(directory) + "/.wh..wh..opq", []);

    public bool Contains(string path) => _nodes.ContainsKey(Clean(path));

    /// <summary>The layer: gzip-compressed tar bytes and the diff id (sha256 of the uncompressed tar).</summary>
    public RootFsLayer ToLayer()
    {
        using var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var (path, node) in _nodes)
            {
                var name = node.Type == TarEntryType.Directory ? path + "/" : path;
                var entry = new PaxTarEntry(node.Type, name)
                {
                    Mode = node.Mode,
                    ModificationTime = DateTimeOffset.UnixEpoch,
                    Uid = 0,
                    Gid = 0,
                };
                if (node.Content is not null)
                {
                    entry.DataStream = new MemoryStream(node.Content, writable: false);
                }

                if (node.LinkTarget is not null)
                {
                    entry.LinkName = node.LinkTarget;
                }

                writer.WriteEntry(entry);
            }
        }

        var uncompressed = tar.ToArray();
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(uncompressed);
        }

        return new RootFsLayer(compressed.ToArray(), "sha256:" + Convert.ToHexStringLower(SHA256.HashData(uncompressed)));
    }

    private void Add(string path, Node node)
    {
        var clean = Clean(path);
        var parent = clean.LastIndexOf('/');
        if (parent > 0 && !_nodes.ContainsKey(clean[..parent]))
        {
            Directory(clean[..parent]);
        }

        _nodes[clean] = node;
    }

    private static string Clean(string path)
    {
        var clean = path.Trim('/');
        if (clean.Length == 0 || clean.Split('/').Any(p => p is "" or "." or ".."))
        {
            throw new ArgumentException($"not a clean relative path: '{path}'", nameof(path));
        }

        return clean;
    }

    private sealed record Node(TarEntryType Type, byte[]? Content, string? LinkTarget, UnixFileMode Mode);

    /// <summary>Usual modes: 0755 directories and executables, 0644 files, 1777 /tmp.</summary>
    public static class Modes
    {
        public const UnixFileMode Directory = (UnixFileMode)0b111_101_101;
        public const UnixFileMode Executable = (UnixFileMode)0b111_101_101;
        public const UnixFileMode File = (UnixFileMode)0b110_100_100;
        public const UnixFileMode Symlink = (UnixFileMode)0b111_111_111;
        public const UnixFileMode StickyTemp = (UnixFileMode)0b1_111_111_111;
    }
}

/// <summary>A layer blob: gzip tar bytes and its diff id (<c>sha256:</c> of the uncompressed tar).</summary>
public sealed record RootFsLayer(byte[] Compressed, string DiffId)
{
    public string Digest => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Compressed));
}

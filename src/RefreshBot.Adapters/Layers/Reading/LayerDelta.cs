using RefreshBot.Domain.Packages;

namespace RefreshBot.Adapters.Layers.Reading;

/// <summary>What one layer does to the interesting part of the file system.</summary>
/// <param name="Whiteouts">Paths this layer deletes from the layers below it (<c>.wh.&lt;name&gt;</c>).</param>
/// <param name="OpaqueDirectories">Directories whose content from the layers below is hidden (<c>.wh..wh..opq</c>).</param>
/// <param name="Entries">What this layer puts at interesting paths and their ancestor directories (last entry wins).</param>
/// <param name="Size">Bytes the delta holds in memory (what the cache counts).</param>
internal sealed record LayerDelta(
    IReadOnlyList<string> Whiteouts,
    IReadOnlyList<string> OpaqueDirectories,
    IReadOnlyDictionary<string, LayerNode> Entries,
    long Size);

/// <summary>An entry a layer puts at a path.</summary>
internal abstract record LayerNode;

/// <summary>An interesting regular file with its content.</summary>
internal sealed record FileNode(ReadOnlyMemory<byte> Content) : LayerNode;

/// <summary>An rpm SQLite database, already read (the database is a whole file: reading it per layer equals reading the final one).</summary>
internal sealed record RpmDatabaseNode(PackageDatabaseRead Read) : LayerNode;

/// <summary>A file whose presence is all that matters (an old rpm database), or a non-directory that hides what was below.</summary>
internal sealed record PresenceNode(bool Interesting) : LayerNode;

/// <summary>A symbolic or hard link, its target already resolved to a path in the image.</summary>
internal sealed record LinkNode(string Target) : LayerNode;

/// <summary>A directory (replaces a link or file below it, keeps what is inside it).</summary>
internal sealed record DirectoryNode : LayerNode
{
    public static readonly DirectoryNode Instance = new();
}

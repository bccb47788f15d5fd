using System.Formats.Tar;
using System.IO.Compression;
using System.Text;

namespace RefreshBot.Testing.Images;

/// <summary>
/// Composes one image layer as a tar archive: files, directories, links, whiteouts, opaque markers, devices, and
/// names a safe writer would refuse (<c>../x</c>, <c>/abs</c>). Entries are written in the order they are added.
/// </summary>
public sealed class LayerBuilder
{
    private readonly List<Func<TarEntry>> _entries = [];

    public LayerBuilder File(string name, string content) => File(name, Encoding.UTF8.GetBytes(content));

    public LayerBuilder File(string name, byte[] content) => Add(() => new PaxTarEntry(TarEntryType.RegularFile, name)
    {
        DataStream = new MemoryStream(content, writable: false),
        ModificationTime = DateTimeOffset.UnixEpoch,
        Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
    });

    public LayerBuilder Directory(string name) => Add(() => new PaxTarEntry(TarEntryType.Directory, name)
    {
        ModificationTime = DateTimeOffset.UnixEpoch,
        Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
    });

    public LayerBuilder Symlink(string name, string target) =>
        Add(() => new PaxTarEntry(TarEntryType.SymbolicLink, name) { LinkName = target, ModificationTime = DateTimeOffset.UnixEpoch });

    public LayerBuilder HardLink(string name, string target) =>
        Add(() => new PaxTarEntry(TarEntryType.HardLink, name) { LinkName = target, ModificationTime = DateTimeOffset.UnixEpoch });

    public LayerBuilder CharacterDevice(string name) =>
        Add(() => new PaxTarEntry(TarEntryType.CharacterDevice, name) { DeviceMajor = 1, DeviceMinor = 3, ModificationTime = DateTimeOffset.UnixEpoch });

    /// <summary>Deletes <paramref name="path"/> (file or directory) of the layers below: <c>dir/.wh.name</c>.</summary>
    public LayerBuilder Whiteout(string path)
    {
        var slash = path.LastIndexOf('/');
        return File(slash < 0 ? ".wh." + path : path[..(slash + 1)] + ".wh." + path[(slash + 1)..], []);
    }

    /// <summary>Hides what the layers below have in <paramref name="directory"/>: <c>directory/.wh..wh..opq</c>.</summary>
    public LayerBuilder Opaque(string directory) => File(directory + "/.wh..wh..opq", []);

    /// <summary>The uncompressed tar, with its end-of-archive marker.</summary>
    public byte[] Tar()
    {
        using var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var entry in _entries)
            {
                writer.WriteEntry(entry());
            }
        }

        return tar.ToArray();
    }

    /// <summary>The gzip-compressed tar.</summary>
    public byte[] Gzip() => LayerBlobs.Gzip(Tar());

    private LayerBuilder Add(Func<TarEntry> entry)
    {
        _entries.Add(entry);
        return this;
    }
}

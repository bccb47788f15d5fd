using System.IO.Compression;
using RefreshBot.Domain.Vulnerabilities.Ecosystems;
using RefreshBot.Domain.Vulnerabilities.Matching;
using RefreshBot.Domain.Vulnerabilities.Osv;

namespace RefreshBot.Adapters.Vulnerabilities;

/// <summary>Where a record lives: a loose file (<see cref="Zip"/> null) or an entry of a zip file.</summary>
internal readonly record struct OsvRecordLocation(string? Zip, string Path);

/// <summary>
/// An index of an OSV export on disk — a folder of <c>*.json</c> records, per-ecosystem folders with <c>all.zip</c>
/// (osv.dev's bulk layout), or one zip — by (family, package name) → record locations. It keeps locations,
/// not records: a record is parsed once to index it, then again only when a package asks for it.
/// Records larger than <see cref="MaxRecordBytes"/> are reported, not read.
/// </summary>
internal sealed class OsvExportIndex
{
    public const long MaxRecordBytes = 32 * 1024 * 1024;

    private readonly Dictionary<(OsFamily Family, string Name), List<OsvRecordLocation>> _locations = [];

    private OsvExportIndex(string root) => Root = root;

    public string Root { get; }

    public List<string> Problems { get; } = [];

    public int RecordCount { get; private set; }

    public IReadOnlyList<OsvRecordLocation> LocationsFor(OsFamily family, string name)
        => _locations.TryGetValue((family, name), out var list) ? list : [];

    public static OsvExportIndex Build(string root, CancellationToken cancellationToken)
    {
        var index = new OsvExportIndex(root);
        if (File.Exists(root))
        {
            index.AddZip(root, cancellationToken);
        }
        else if (Directory.Exists(root))
        {
            foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (file.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
                {
                    index.AddZip(file, cancellationToken);
                }
                else if (file.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
                {
                    index.Add(new OsvRecordLocation(null, file), File.ReadAllBytes(file));
                }
            }
        }
        else
        {
            throw new DirectoryNotFoundException($"no OSV export at {root}");
        }

        return index;
    }

    /// <summary>Reads and parses the record at <paramref name="location"/>; <paramref name="zips"/> holds the zips opened so far.</summary>
    public static OsvParseResult Read(OsvRecordLocation location, Dictionary<string, ZipArchive> zips)
    {
        try
        {
            if (location.Zip is null)
            {
                return OsvRecordParser.Parse(File.ReadAllBytes(location.Path), location.Path);
            }

            if (!zips.TryGetValue(location.Zip, out var zip))
            {
                zips[location.Zip] = zip = ZipFile.OpenRead(location.Zip);
            }

            var entry = zip.GetEntry(location.Path);
            return entry is null
                ? OsvParseResult.Failure($"{location.Zip}!{location.Path}: entry disappeared")
                : OsvRecordParser.Parse(ReadEntry(entry), $"{location.Zip}!{location.Path}");
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            return OsvParseResult.Failure($"{location.Zip ?? location.Path}: {e.Message}");
        }
    }

    private void AddZip(string path, CancellationToken cancellationToken)
    {
        try
        {
            using var zip = ZipFile.OpenRead(path);
            foreach (var entry in zip.Entries.Where(e => e.FullName.EndsWith(".json", StringComparison.OrdinalIgnoreCase)))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (entry.Length > MaxRecordBytes)
                {
                    Problems.Add($"{path}!{entry.FullName}: {entry.Length} bytes, larger than a record can be; skipped");
                    continue;
                }

                Add(new OsvRecordLocation(path, entry.FullName), ReadEntry(entry));
            }
        }
        catch (InvalidDataException e)
        {
            Problems.Add($"{path}: not a readable zip: {e.Message}");
        }
    }

    private static byte[] ReadEntry(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        using var buffer = new MemoryStream((int)Math.Min(entry.Length, MaxRecordBytes));
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    private void Add(OsvRecordLocation location, byte[] utf8)
    {
        var parsed = OsvRecordParser.Parse(utf8, location.Zip is null ? location.Path : $"{location.Zip}!{location.Path}");
        if (parsed.Record is not { } record)
        {
            Problems.Add(parsed.Error!);
            return;
        }

        RecordCount++;
        foreach (var key in OsvRecordIndex.KeysOf(record))
        {
            if (!_locations.TryGetValue(key, out var list))
            {
                _locations[key] = list = [];
            }

            list.Add(location);
        }
    }
}

using RefreshBot.Adapters.Layers.Paths;
using RefreshBot.Adapters.Layers.Reading;
using RefreshBot.Domain.References;

namespace RefreshBot.Adapters.Layers.Merging;

/// <summary>
/// The interesting part of an image's file system, built by applying layer deltas bottom to top: a layer's
/// whiteouts and opaque directories remove what the layers below put there, then its own entries land (a
/// non-directory hides whatever was below its path). Lookups follow links inside this set only.
/// </summary>
internal sealed class ImageFileSystem
{
    private const int MaxLinkHops = 40;
    private static readonly string[] RpmDirectories = [InterestingPaths.RpmDirectory, "usr/lib/sysimage/rpm"];
    private readonly Dictionary<string, LayerNode> _nodes = new(StringComparer.Ordinal);

    public void Apply(LayerDelta layer)
    {
        foreach (var whiteout in layer.Whiteouts)
        {
            RemoveWhere(path => LayerPath.IsAtOrBelow(path, whiteout));
        }

        foreach (var directory in layer.OpaqueDirectories)
        {
            RemoveWhere(path => LayerPath.IsBelow(path, directory));
        }

        foreach (var (path, node) in layer.Entries)
        {
            if (node is DirectoryNode)
            {
                if (_nodes.TryGetValue(path, out var existing) && existing is DirectoryNode)
                {
                    continue;
                }
            }
            else
            {
                RemoveWhere(p => LayerPath.IsBelow(p, path));
            }

            _nodes[path] = node;
        }
    }

    public ImageFiles Snapshot(IReadOnlyList<Digest> layers)
    {
        var problems = new List<string>();
        var osRelease = File(InterestingPaths.EtcOsRelease, problems) ?? File(InterestingPaths.UsrLibOsRelease, problems);
        var apk = File(InterestingPaths.ApkInstalled, problems);
        var dpkg = File(InterestingPaths.DpkgStatus, problems);
        var parts = new List<ImageFile>();
        if (Resolve(InterestingPaths.DpkgStatusDirectory) is { } statusD)
        {
            parts.AddRange(_nodes
                .Where(n => LayerPath.Parent(n.Key) == statusD && n.Value is FileNode && InterestingPaths.KindOf(n.Key) == ImageFileKind.DpkgStatusPart)
                .OrderBy(n => n.Key, StringComparer.Ordinal)
                .Select(n => new ImageFile(n.Key, ((FileNode)n.Value).Content)));
        }

        var rpm = Rpm();
        if (rpm is null)
        {
            LegacyRpm(problems);
        }
        return new ImageFiles(layers, osRelease, apk, dpkg, parts, rpm, problems);
    }

    private RpmDatabase? Rpm()
    {
        foreach (var directory in RpmDirectories)
        {
            if (Lookup(directory + "/rpmdb.sqlite") is ({ } path, RpmDatabaseNode database))
            {
                return new RpmDatabase(path, database.Read);
            }
        }

        return null;
    }

    private void LegacyRpm(List<string> problems)
    {
        var legacy = RpmDirectories.SelectMany(d => new[] { d + "/Packages", d + "/Packages.db" })
            .Select(Lookup).FirstOrDefault(found => found.Node is PresenceNode { Interesting: true });
        if (legacy.Path is not null)
        {
            problems.Add($"rpm database {legacy.Path} (Berkeley DB or NDB, rpm < 4.16) is not supported; only rpmdb.sqlite is read");
        }
    }

    private ImageFile? File(string path, List<string> problems)
    {
        var (found, node) = Lookup(path);
        if (found is null && Resolve(path) is null)
        {
            problems.Add($"{path}: links loop or nest too deeply");
        }

        return node is FileNode file ? new ImageFile(found!, file.Content) : null;
    }

    private (string? Path, LayerNode? Node) Lookup(string path) =>
        Resolve(path) is { } resolved && _nodes.TryGetValue(resolved, out var node) ? (resolved, node) : (null, null);

    /// <summary>Follows links in every component of <paramref name="path"/>; null on a loop or a link that climbs out.</summary>
    private string? Resolve(string path)
    {
        var current = path;
        for (var hops = 0; hops <= MaxLinkHops; hops++)
        {
            var restart = false;
            var parts = current.Split('/');
            for (var i = 1; i <= parts.Length && !restart; i++)
            {
                var prefix = string.Join('/', parts[..i]);
                if (_nodes.TryGetValue(prefix, out var node) && node is LinkNode link)
                {
                    current = i == parts.Length ? link.Target : link.Target + "/" + string.Join('/', parts[i..]);
                    restart = true;
                }
            }

            if (!restart)
            {
                return current;
            }
        }

        return null;
    }

    private void RemoveWhere(Func<string, bool> predicate)
    {
        foreach (var path in _nodes.Keys.Where(predicate).ToList())
        {
            _nodes.Remove(path);
        }
    }
}

namespace RefreshBot.Testing.Git;

/// <summary>
/// Damages a bare clone on disk the ways a crash, a full disk or a stray process leave it:
/// <c>truncated-pack</c>, <c>garbage-pack</c>, <c>deleted-objects</c>, <c>garbage-head</c>, <c>garbage-packed-refs</c>,
/// <c>stale-locks</c> (the <c>*.lock</c> files git and libgit2 leave when killed while writing).
/// </summary>
public static class CacheDamage
{
    public static readonly IReadOnlyList<string> Kinds =
        ["truncated-pack", "garbage-pack", "deleted-objects", "garbage-head", "garbage-packed-refs", "stale-locks"];

    public static async Task ApplyAsync(string gitFolder, string kind, CancellationToken cancellationToken = default)
    {
        var objects = Path.Combine(gitFolder, "objects");
        switch (kind)
        {
            case "truncated-pack":
                foreach (var pack in Packs(objects))
                {
                    await using var stream = new FileStream(pack, FileMode.Open, FileAccess.Write);
                    stream.SetLength(stream.Length / 2);
                }

                break;
            case "garbage-pack":
                foreach (var pack in Packs(objects))
                {
                    var bytes = new byte[new FileInfo(pack).Length];
                    new Random(42).NextBytes(bytes);
                    await File.WriteAllBytesAsync(pack, bytes, cancellationToken);
                }

                break;
            case "deleted-objects":
                foreach (var folder in Directory.EnumerateDirectories(objects).Where(d => Path.GetFileName(d) is not ("info")))
                {
                    Directory.Delete(folder, recursive: true);
                }

                break;
            case "garbage-head":
                await File.WriteAllTextAsync(Path.Combine(gitFolder, "HEAD"), "\0\u0001garbage not a ref\n", cancellationToken);
                break;
            case "garbage-packed-refs":
                await File.WriteAllTextAsync(Path.Combine(gitFolder, "packed-refs"), "# pack-refs with: peeled\nnot-a-sha refs/remotes/origin/main\n\0\0garbage\n", cancellationToken);
                foreach (var loose in Directory.EnumerateFiles(Path.Combine(gitFolder, "refs"), "*", SearchOption.AllDirectories))
                {
                    File.Delete(loose);
                }

                break;
            case "stale-locks":
                var locks = new[] { "index.lock", "HEAD.lock", "config.lock", "packed-refs.lock", "shallow.lock" }
                    .Select(f => Path.Combine(gitFolder, f))
                    .Concat(Directory.EnumerateFiles(Path.Combine(gitFolder, "refs"), "*", SearchOption.AllDirectories).Select(r => r + ".lock"))
                    .Concat(Packs(objects).Select(p => Path.ChangeExtension(p, ".idx") + ".lock"))
                    .ToList();
                foreach (var file in locks)
                {
                    await File.WriteAllTextAsync(file, "left by a killed writer\n", cancellationToken);
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown damage");
        }
    }

    private static IEnumerable<string> Packs(string objects)
    {
        var folder = Path.Combine(objects, "pack");
        var packs = Directory.Exists(folder) ? Directory.GetFiles(folder, "*.pack") : [];
        if (packs.Length == 0)
        {
            throw new InvalidOperationException("the clone has no pack file to damage: " + folder);
        }

        return packs;
    }
}

using LibGit2Sharp;

namespace RefreshBot.Adapters.Git;

/// <summary>
/// The files of one commit, written under <c>&lt;cache&gt;/worktree</c> for reading (the orchestrator looks for
/// Dockerfiles there). Rewritten whole into a fresh folder and swapped in when the commit changes, so files of an
/// older head never linger; <c>&lt;cache&gt;/worktree.head</c> (written last) names the commit it holds.
/// Symbolic links are recreated only when they point inside the folder — by their text, then as the OS resolves them
/// (<see cref="CheckoutLinks"/>); submodules are left out.
/// </summary>
internal static class CheckoutFolder
{
    public static string PathFor(string cacheFolder) => Path.Combine(cacheFolder, "worktree");

    public static string Materialize(string cacheFolder, Commit commit, CancellationToken cancellationToken)
    {
        var folder = PathFor(cacheFolder);
        var marker = folder + ".head";
        if (Directory.Exists(folder) && File.Exists(marker) && File.ReadAllText(marker).Trim() == commit.Sha)
        {
            return folder;
        }

        File.Delete(marker);
        var fresh = Path.Combine(cacheFolder, "worktree.new-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(fresh);
        Write(commit.Tree, fresh, fresh, cancellationToken);
        CheckoutLinks.Prune(fresh, cancellationToken);
        if (Directory.Exists(folder))
        {
            var old = Path.Combine(cacheFolder, "worktree.old-" + Guid.NewGuid().ToString("N")[..8]);
            Directory.Move(folder, old);
            Directory.Delete(old, recursive: true);
        }

        Directory.Move(fresh, folder);
        File.WriteAllText(marker, commit.Sha);
        foreach (var leftover in Directory.EnumerateDirectories(cacheFolder, "worktree.*-*"))
        {
            Directory.Delete(leftover, recursive: true);
        }

        return folder;
    }

    private static void Write(Tree tree, string folder, string root, CancellationToken cancellationToken)
    {
        foreach (var entry in tree)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var path = Path.Combine(folder, entry.Name);
            switch (entry.Mode)
            {
                case Mode.Directory:
                    Directory.CreateDirectory(path);
                    Write((Tree)entry.Target, path, root, cancellationToken);
                    break;
                case Mode.NonExecutableFile or Mode.NonExecutableGroupWritableFile or Mode.ExecutableFile:
                    using (var content = ((Blob)entry.Target).GetContentStream())
                    using (var file = File.Create(path))
                    {
                        content.CopyTo(file);
                    }

                    break;
                case Mode.SymbolicLink:
                    var target = ((Blob)entry.Target).GetContentText();
                    var resolved = Path.GetFullPath(Path.Combine(folder, target));
                    if (!Path.IsPathRooted(target) && resolved.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                    {
                        File.CreateSymbolicLink(path, target);
                    }

                    break;
                default:
                    break; // submodules (gitlinks): not part of this repository's files
            }
        }
    }
}

namespace RefreshBot.Application.Evaluation.Context;

/// <summary>
/// A throw-away copy of a checkout to build from: every file except <c>.git</c>, symlinks kept as links (never
/// followed), at most a given number of bytes. Deleted on dispose.
/// </summary>
public sealed class BuildContextCopy : IDisposable
{
    private BuildContextCopy(string directory) => Directory = directory;

    public string Directory { get; }

    /// <exception cref="BuildContextTooLargeException">The checkout holds more than <paramref name="maxBytes"/>.</exception>
    public static BuildContextCopy Create(string source, long maxBytes, CancellationToken cancellationToken)
    {
        var target = System.IO.Directory.CreateTempSubdirectory("refreshbot-context-").FullName;
        var copy = new BuildContextCopy(target);
        try
        {
            long total = 0;
            Copy(new DirectoryInfo(source), target, ref total, maxBytes, cancellationToken);
            return copy;
        }
        catch
        {
            copy.Dispose();
            throw;
        }
    }

    /// <summary>Replaces files (relative paths, '/'-separated) with new text: the rewritten Dockerfiles.</summary>
    public void Write(IReadOnlyDictionary<string, string> files)
    {
        foreach (var (path, text) in files)
        {
            var full = Path.GetFullPath(Path.Combine(Directory, path));
            if (!full.StartsWith(Directory + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"{path}: outside the build context");
            }

            File.WriteAllText(full, text);
        }
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // a leftover temp folder is not worth failing a cycle for
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static void Copy(DirectoryInfo from, string to, ref long total, long maxBytes, CancellationToken cancellationToken)
    {
        foreach (var entry in from.EnumerateFileSystemInfos())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var destination = Path.Combine(to, entry.Name);
            if (entry.LinkTarget is { } link)
            {
                File.CreateSymbolicLink(destination, link);
            }
            else if (entry is DirectoryInfo directory)
            {
                if (directory.Name == ".git")
                {
                    continue;
                }

                System.IO.Directory.CreateDirectory(destination);
                Copy(directory, destination, ref total, maxBytes, cancellationToken);
            }
            else if (entry is FileInfo file)
            {
                total += file.Length;
                if (total > maxBytes)
                {
                    throw new BuildContextTooLargeException(maxBytes);
                }

                file.CopyTo(destination);
            }
        }
    }
}

/// <summary>The checkout is larger than the configured build context limit.</summary>
public sealed class BuildContextTooLargeException(long maxBytes)
    : Exception($"the checkout is larger than the build context limit ({maxBytes / (1024 * 1024)} MiB); not built");

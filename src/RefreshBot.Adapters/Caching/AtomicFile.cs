namespace RefreshBot.Adapters.Caching;

/// <summary>
/// Files that appear whole or not at all: written to a temporary name in the same folder, then renamed
/// over the final name (atomic on one file system), so a concurrent reader sees the old file or the new one.
/// </summary>
internal static class AtomicFile
{
    public const string TemporarySuffix = ".tmp";

    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/>; I/O problems surface as <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/>.</summary>
    public static async Task WriteAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var folder = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(folder);
        var temporary = Path.Combine(folder, "." + Guid.NewGuid().ToString("N") + TemporarySuffix);
        try
        {
            var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous);
            await using (stream.ConfigureAwait(false))
            {
                await stream.WriteAsync(content, cancellationToken).ConfigureAwait(false);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    /// <summary>Deletes <paramref name="path"/> when it exists; never throws.</summary>
    public static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: a file that cannot be deleted is read (and rejected) again next time.
        }
    }
}

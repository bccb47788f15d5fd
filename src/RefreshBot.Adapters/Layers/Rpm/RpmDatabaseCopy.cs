using RefreshBot.Adapters.Layers.Reading;
using RefreshBot.Adapters.Packages;

namespace RefreshBot.Adapters.Layers.Rpm;

/// <summary>
/// Reads an rpm SQLite database (<c>rpmdb.sqlite</c>, rpm ≥ 4.16) met in a layer: it is copied, size-capped, into a
/// private temporary directory (SQLite needs a file), read by <see cref="RpmSqliteDatabase"/>, and the copy is
/// deleted before returning. A database that cannot be read becomes problems, not an exception.
/// </summary>
internal static class RpmDatabaseCopy
{
    public static async Task<RpmDatabaseNode> ReadAsync(
        Stream content, string path, long limit, string? tempRoot, CancellationToken cancellationToken)
    {
        var directory = tempRoot is null
            ? Directory.CreateTempSubdirectory("refreshbot-rpmdb-")
            : Directory.CreateDirectory(Path.Combine(tempRoot, "refreshbot-rpmdb-" + Guid.NewGuid().ToString("N")));
        try
        {
            if (!OperatingSystem.IsWindows())
            {
                directory.UnixFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
            }

            var file = Path.Combine(directory.FullName, "rpmdb.sqlite");
            await CopyCappedAsync(content, file, path, limit, cancellationToken);
            return new RpmDatabaseNode(RpmSqliteDatabase.Read(file));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
    private static async Task CopyCappedAsync(Stream content, string file, string path, long limit, CancellationToken cancellationToken)
    {
        await using var output = new FileStream(file, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
        {
            total += read;
            if (total > limit)
            {
                throw new LayerReadException($"{path} is larger than the {limit} byte limit for rpm databases");
            }

            await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }
    }
}

using Microsoft.Data.Sqlite;
using RefreshBot.Adapters.Layers.Reading;

namespace RefreshBot.Adapters.Layers.Rpm;

/// <summary>
/// Reads an rpm SQLite database (<c>rpmdb.sqlite</c>, rpm ≥ 4.16) from a layer: the database is copied, size-capped,
/// into a private temporary directory (SQLite needs a file), its <c>Packages.blob</c> header blobs are read, and
/// the copy is deleted before returning. A database SQLite cannot read becomes a problem, not an exception.
/// </summary>
internal static class RpmSqliteDatabase
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
            return ReadHeaders(file, path, limit);
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

    private static RpmDatabaseNode ReadHeaders(string file, string path, long limit)
    {
        var connection = new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadWrite, Pooling = false };
        try
        {
            using var db = new SqliteConnection(connection.ToString());
            db.Open();
            using var command = db.CreateCommand();
            command.CommandText = "SELECT blob FROM Packages ORDER BY hnum";
            using var reader = command.ExecuteReader();
            var headers = new List<ReadOnlyMemory<byte>>();
            long total = 0;
            while (reader.Read())
            {
                var blob = (byte[])reader.GetValue(0);
                total += blob.LongLength;
                if (total > limit)
                {
                    return new RpmDatabaseNode([], $"{path}: rpm headers larger than the {limit} byte limit");
                }

                headers.Add(blob);
            }

            return new RpmDatabaseNode(headers, null);
        }
        catch (Exception e) when (e is SqliteException or InvalidCastException)
        {
            return new RpmDatabaseNode([], $"{path}: not a readable rpm SQLite database ({e.Message})");
        }
    }
}

using Microsoft.Data.Sqlite;
using RefreshBot.Domain.Packages;

namespace RefreshBot.Adapters.Packages;

/// <summary>
/// Reads the installed packages of an rpm SQLite database (<c>rpmdb.sqlite</c>, RPM 4.16+): the header
/// blobs of its <c>Packages</c> table, parsed by <see cref="RpmHeader"/>. The file must be a private copy
/// (the layer reader's temporary file): it is opened read-only as immutable, so SQLite neither locks it
/// nor creates <c>-wal</c>/<c>-shm</c> files next to it. Never throws for a bad database: problems are returned.
/// </summary>
public static class RpmSqliteDatabase
{
    /// <summary>How problems name the database.</summary>
    public const string Label = "rpmdb.sqlite";

    private static ReadOnlySpan<byte> SqliteMagic => "SQLite format 3\0"u8;

    /// <summary>The packages (without the <c>gpg-pubkey</c> pseudo-packages) and what could not be read.</summary>
    public static PackageDatabaseRead Read(string path, PackageInventoryLimits? limits = null)
    {
        limits ??= PackageInventoryLimits.Default;
        if (!HasSqliteMagic(path, out var problem))
        {
            return PackageDatabaseRead.Failed($"{Label}: {problem}");
        }

        try
        {
            using var connection = new SqliteConnection(ConnectionString(path));
            connection.Open();
            if (!HasPackagesTable(connection))
            {
                return PackageDatabaseRead.Failed($"{Label}: no Packages table: not an rpm database");
            }

            return ReadHeaders(connection, limits);
        }
        catch (SqliteException e)
        {
            return PackageDatabaseRead.Failed($"{Label}: cannot be read: {e.Message}");
        }
    }

    private static string ConnectionString(string path) => new SqliteConnectionStringBuilder
    {
        // A URI so that immutable=1 applies: no locks, no journal files, nothing written.
        DataSource = new Uri(Path.GetFullPath(path)).AbsoluteUri + "?immutable=1",
        Mode = SqliteOpenMode.ReadOnly,
        Pooling = false,
    }.ToString();

    private static bool HasSqliteMagic(string path, out string? problem)
    {
        problem = null;
        try
        {
            Span<byte> start = stackalloc byte[16];
            using var file = File.OpenRead(path);
            if (file.ReadAtLeast(start, start.Length, throwOnEndOfStream: false) == start.Length && start.SequenceEqual(SqliteMagic))
            {
                return true;
            }

            problem = "not an SQLite database";
        }
        catch (IOException e)
        {
            problem = $"cannot be opened: {e.Message}";
        }
        catch (UnauthorizedAccessException e)
        {
            problem = $"cannot be opened: {e.Message}";
        }

        return false;
    }

    private static bool HasPackagesTable(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'Packages'";
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 1;
    }

    private static PackageDatabaseRead ReadHeaders(SqliteConnection connection, PackageInventoryLimits limits)
    {
        using var command = connection.CreateCommand();
        // Oversized blobs are measured, not loaded.
        command.CommandText = """
            SELECT hnum, length(blob), CASE WHEN length(blob) <= $max THEN blob END
            FROM Packages ORDER BY hnum
            """;
        command.Parameters.AddWithValue("$max", limits.MaxRpmHeaderBytes);

        var packages = new List<InstalledPackage>();
        var problems = new List<string>();
        var badHeaders = 0;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            if (packages.Count >= limits.MaxPackages)
            {
                problems.Add($"{Label}: more than {limits.MaxPackages} packages; the rest were not read");
                break;
            }

            var hnum = reader.GetInt64(0);
            if (reader.IsDBNull(2))
            {
                Report(problems, ref badHeaders, limits, $"{Label}: header {hnum}: {(reader.IsDBNull(1) ? "no blob" : $"{reader.GetInt64(1)} bytes is more than the {limits.MaxRpmHeaderBytes}-byte limit")}");
                continue;
            }

            var blob = reader.GetValue(2) as byte[];
            if (blob is null)
            {
                Report(problems, ref badHeaders, limits, $"{Label}: header {hnum}: not a blob");
            }
            else if (!RpmHeader.TryParse(blob, out var header, out var problem, limits.MaxFieldLength))
            {
                Report(problems, ref badHeaders, limits, $"{Label}: header {hnum}: {problem}");
            }
            else if (!header.IsPublicKey)
            {
                packages.Add(header.ToInstalledPackage());
            }
        }

        if (badHeaders > limits.MaxProblems)
        {
            problems.Add($"{Label}: {badHeaders - limits.MaxProblems} more unreadable header(s) not shown");
        }

        return new PackageDatabaseRead(packages, problems);
    }

    private static void Report(List<string> problems, ref int badHeaders, PackageInventoryLimits limits, string problem)
    {
        if (++badHeaders <= limits.MaxProblems)
        {
            problems.Add(problem);
        }
    }
}

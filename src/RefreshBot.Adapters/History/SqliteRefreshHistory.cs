using System.Globalization;
using Microsoft.Data.Sqlite;
using RefreshBot.Application.Refresh.History;

namespace RefreshBot.Adapters.History;

/// <summary>
/// <see cref="IRefreshHistory"/> in one SQLite file (<c>&lt;dataDir&gt;/refreshbot.db</c>). One connection, used by
/// one caller at a time (the cycle's repositories run concurrently; history writes are tiny).
/// Times are stored as ISO 8601 UTC text.
/// </summary>
public sealed partial class SqliteRefreshHistory : IHistoryStore
{
    public const string FileName = "refreshbot.db";

    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _gate = new(1, 1);

    private SqliteRefreshHistory(SqliteConnection connection) => _connection = connection;

    /// <summary>Opens (creating when missing) the history in <paramref name="dataDirectory"/> and brings its schema up to date.</summary>
    public static Task<SqliteRefreshHistory> OpenAsync(string dataDirectory, CancellationToken cancellationToken) =>
        OpenAsync(dataDirectory, FileName, cancellationToken);

    /// <summary>Opens (creating when missing) the history file <paramref name="fileName"/> in <paramref name="dataDirectory"/>.</summary>
    public static async Task<SqliteRefreshHistory> OpenAsync(string dataDirectory, string fileName, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(dataDirectory);
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataDirectory, fileName),
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            using (var pragma = connection.CreateCommand())
            {
                pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=5000;";
                await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await HistoryMigrations.ApplyAsync(connection, cancellationToken).ConfigureAwait(false);
            return new SqliteRefreshHistory(connection);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public Task<DateTimeOffset?> FindFirstSeenAsync(DigestSighting sighting, CancellationToken cancellationToken) =>
        Locked(async () =>
        {
            using var command = Command(
                "SELECT first_seen FROM digest_sightings WHERE image=$i AND tag=$t AND platform=$p AND digest=$d",
                ("$i", sighting.Image), ("$t", sighting.Tag), ("$p", sighting.Platform), ("$d", sighting.Digest));
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string text ? ParseTime(text) : (DateTimeOffset?)null;
        }, cancellationToken);

    public Task<DateTimeOffset> DigestSeenAsync(DigestSighting sighting, DateTimeOffset now, CancellationToken cancellationToken) =>
        Locked(async () =>
        {
            using (var insert = Command(
                "INSERT OR IGNORE INTO digest_sightings (image, tag, platform, digest, first_seen) VALUES ($i, $t, $p, $d, $f)",
                ("$i", sighting.Image), ("$t", sighting.Tag), ("$p", sighting.Platform), ("$d", sighting.Digest), ("$f", FormatTime(now))))
            {
                await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            using var select = Command(
                "SELECT first_seen FROM digest_sightings WHERE image=$i AND tag=$t AND platform=$p AND digest=$d",
                ("$i", sighting.Image), ("$t", sighting.Tag), ("$p", sighting.Platform), ("$d", sighting.Digest));
            return ParseTime((string)(await select.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!);
        }, cancellationToken);

    public Task<long> RunStartedAsync(string repository, DateTimeOffset started, CancellationToken cancellationToken) =>
        Locked(async () =>
        {
            using var command = Command(
                "INSERT INTO runs (repository, started) VALUES ($r, $s); SELECT last_insert_rowid();",
                ("$r", repository), ("$s", FormatTime(started)));
            return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }, cancellationToken);

    public Task RunFinishedAsync(long run, DateTimeOffset finished, RunOutcome outcome, string? reason, CancellationToken cancellationToken) =>
        Locked(async () =>
        {
            using var command = Command(
                "UPDATE runs SET finished=$f, outcome=$o, reason=$why WHERE id=$id",
                ("$f", FormatTime(finished)), ("$o", outcome.ToString()), ("$why", reason), ("$id", run));
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    public Task<IReadOnlyList<RecordedRun>> RunsAsync(string repository, int limit, CancellationToken cancellationToken) =>
        Locked<IReadOnlyList<RecordedRun>>(async () =>
        {
            using var command = Command(
                "SELECT id, repository, started, finished, outcome, reason FROM runs WHERE repository=$r ORDER BY id DESC LIMIT $n",
                ("$r", repository), ("$n", limit));
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var runs = new List<RecordedRun>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                runs.Add(new RecordedRun(
                    reader.GetInt64(0), reader.GetString(1), ParseTime(reader.GetString(2)),
                    reader.IsDBNull(3) ? null : ParseTime(reader.GetString(3)),
                    reader.IsDBNull(4) ? null : Enum.Parse<RunOutcome>(reader.GetString(4)),
                    reader.IsDBNull(5) ? null : reader.GetString(5)));
            }

            return runs;
        }, cancellationToken);

    public Task<IReadOnlyList<RecordedProposal>> OpenProposalsAsync(string repository, CancellationToken cancellationToken) =>
        Locked<IReadOnlyList<RecordedProposal>>(async () =>
        {
            using var command = Command(
                "SELECT branch, number, url, open FROM proposals WHERE repository=$r AND open=1 ORDER BY branch", ("$r", repository));
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var proposals = new List<RecordedProposal>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                proposals.Add(new RecordedProposal(reader.GetString(0), reader.GetInt32(1), reader.GetString(2), reader.GetInt64(3) != 0));
            }

            return proposals;
        }, cancellationToken);

    public Task RecordProposalAsync(string repository, RecordedProposal proposal, DateTimeOffset now, CancellationToken cancellationToken) =>
        Locked(async () =>
        {
            using var command = Command(
                """
                INSERT INTO proposals (repository, branch, number, url, open, updated) VALUES ($r, $b, $n, $u, $o, $t)
                ON CONFLICT (repository, branch) DO UPDATE SET number=$n, url=$u, open=$o, updated=$t
                """,
                ("$r", repository), ("$b", proposal.Branch), ("$n", proposal.Number), ("$u", proposal.Url), ("$o", proposal.Open ? 1 : 0), ("$t", FormatTime(now)));
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    public Task<IReadOnlySet<int>> ClosedByBotAsync(string repository, CancellationToken cancellationToken) =>
        Locked<IReadOnlySet<int>>(async () =>
        {
            using var command = Command("SELECT number FROM closed_by_bot WHERE repository=$r", ("$r", repository));
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var numbers = new HashSet<int>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                numbers.Add(reader.GetInt32(0));
            }

            return numbers;
        }, cancellationToken);

    public Task RecordClosedByBotAsync(string repository, int number, DateTimeOffset now, CancellationToken cancellationToken) =>
        Locked(async () =>
        {
            using var command = Command(
                "INSERT OR IGNORE INTO closed_by_bot (repository, number, closed) VALUES ($r, $n, $t)",
                ("$r", repository), ("$n", number), ("$t", FormatTime(now)));
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    public Task PingAsync(CancellationToken cancellationToken) =>
        Locked(async () =>
        {
            using var command = Command("SELECT COUNT(*) FROM schema_migrations");
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync().ConfigureAwait(false);
        _gate.Dispose();
    }

    private SqliteCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    private async Task<T> Locked<T>(Func<Task<T>> work, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await work().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private static string FormatTime(DateTimeOffset time) => time.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseTime(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}

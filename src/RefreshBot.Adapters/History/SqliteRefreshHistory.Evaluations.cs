using Microsoft.Data.Sqlite;
using RefreshBot.Application.Refresh.History;
using RefreshBot.Domain.Vulnerabilities.Severity;

namespace RefreshBot.Adapters.History;

/// <summary>Build-and-scan results (schema version 2): one row per evaluation, per Dockerfile, per fixed/introduced advisory.</summary>
public sealed partial class SqliteRefreshHistory
{
    private const string FixedSide = "fixed";
    private const string IntroducedSide = "introduced";

    public Task RecordEvaluationAsync(RecordedEvaluation evaluation, CancellationToken cancellationToken) =>
        Locked(async () =>
        {
            using var transaction = _connection.BeginTransaction();
            long id;
            using (var insert = Command(
                "INSERT INTO evaluations (repository, branch, pull_request, evaluated) VALUES ($r, $b, $n, $t); SELECT last_insert_rowid();",
                ("$r", evaluation.Repository), ("$b", evaluation.Branch), ("$n", evaluation.PullRequest), ("$t", FormatTime(evaluation.Evaluated))))
            {
                insert.Transaction = transaction;
                id = (long)(await insert.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            }

            for (var position = 0; position < evaluation.Dockerfiles.Count; position++)
            {
                await InsertDockerfileAsync(transaction, id, position, evaluation.Dockerfiles[position], cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return id;
        }, cancellationToken);

    public Task<IReadOnlyList<RecordedEvaluation>> EvaluationsAsync(string? repository, DateTimeOffset since, CancellationToken cancellationToken) =>
        Locked<IReadOnlyList<RecordedEvaluation>>(async () =>
        {
            const string Selected = "SELECT id FROM evaluations WHERE evaluated >= $since AND ($r IS NULL OR repository = $r)";
            var parameters = new (string, object?)[] { ("$since", FormatTime(since)), ("$r", repository) };
            var advisories = await AdvisoriesAsync($"SELECT evaluation, position, side, id, severity, aliases FROM evaluation_advisories WHERE evaluation IN ({Selected}) ORDER BY evaluation, position, side, rank", parameters, cancellationToken).ConfigureAwait(false);
            var dockerfiles = new Dictionary<long, List<RecordedDockerfileEvaluation>>();
            using (var command = Command($"SELECT * FROM evaluation_dockerfiles WHERE evaluation IN ({Selected}) ORDER BY evaluation, position", parameters))
            {
                using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var evaluation = reader.GetInt64(reader.GetOrdinal("evaluation"));
                    var found = advisories.TryGetValue((evaluation, reader.GetInt32(reader.GetOrdinal("position"))), out var lists)
                        ? (lists.Fixed, lists.Introduced)
                        : ((IReadOnlyList<RecordedAdvisory>)[], (IReadOnlyList<RecordedAdvisory>)[]);
                    if (!dockerfiles.TryGetValue(evaluation, out var list))
                    {
                        dockerfiles[evaluation] = list = [];
                    }

                    list.Add(ReadDockerfile(reader, found));
                }
            }

            var evaluations = new List<RecordedEvaluation>();
            using (var command = Command($"SELECT id, repository, branch, pull_request, evaluated FROM evaluations WHERE id IN ({Selected}) ORDER BY evaluated, id", parameters))
            {
                using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    evaluations.Add(new RecordedEvaluation(
                        reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetInt32(3), ParseTime(reader.GetString(4)),
                        dockerfiles.GetValueOrDefault(reader.GetInt64(0)) ?? []));
                }
            }

            return evaluations;
        }, cancellationToken);

    private async Task InsertDockerfileAsync(SqliteTransaction transaction, long evaluation, int position, RecordedDockerfileEvaluation dockerfile, CancellationToken cancellationToken)
    {
        var scan = dockerfile.Scan;
        using (var insert = Command(
            """
            INSERT INTO evaluation_dockerfiles (
                evaluation, position, dockerfile,
                old_succeeded, old_duration, old_size, old_failed_step, new_succeeded, new_duration, new_size, new_failed_step,
                problem, scanned, package_changes,
                remaining_critical, remaining_high, remaining_medium, remaining_low, remaining_unknown)
            VALUES ($e, $p, $d, $os, $od, $oz, $of, $ns, $nd, $nz, $nf, $problem, $scanned, $packages, $rc, $rh, $rm, $rl, $ru)
            """,
            ("$e", evaluation), ("$p", position), ("$d", dockerfile.Dockerfile),
            ("$os", Flag(dockerfile.Old?.Succeeded)), ("$od", dockerfile.Old?.Duration.Ticks), ("$oz", dockerfile.Old?.SizeBytes), ("$of", dockerfile.Old?.FailedStep),
            ("$ns", Flag(dockerfile.New?.Succeeded)), ("$nd", dockerfile.New?.Duration.Ticks), ("$nz", dockerfile.New?.SizeBytes), ("$nf", dockerfile.New?.FailedStep),
            ("$problem", dockerfile.Problem), ("$scanned", scan is null ? 0 : 1), ("$packages", scan?.PackageChanges),
            ("$rc", scan?.Remaining.Critical), ("$rh", scan?.Remaining.High), ("$rm", scan?.Remaining.Medium), ("$rl", scan?.Remaining.Low), ("$ru", scan?.Remaining.Unknown)))
        {
            insert.Transaction = transaction;
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        foreach (var (side, list) in new[] { (FixedSide, scan?.Fixed ?? []), (IntroducedSide, scan?.Introduced ?? []) })
        {
            for (var rank = 0; rank < list.Count; rank++)
            {
                using var advisory = Command(
                    "INSERT INTO evaluation_advisories (evaluation, position, side, rank, id, severity, aliases) VALUES ($e, $p, $s, $k, $id, $sev, $a)",
                    ("$e", evaluation), ("$p", position), ("$s", side), ("$k", rank), ("$id", list[rank].Id),
                    ("$sev", list[rank].Severity.ToString()), ("$a", string.Join(' ', list[rank].Aliases)));
                advisory.Transaction = transaction;
                await advisory.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<Dictionary<(long, int), (List<RecordedAdvisory> Fixed, List<RecordedAdvisory> Introduced)>> AdvisoriesAsync(
        string sql, (string, object?)[] parameters, CancellationToken cancellationToken)
    {
        var advisories = new Dictionary<(long, int), (List<RecordedAdvisory> Fixed, List<RecordedAdvisory> Introduced)>();
        using var command = Command(sql, parameters);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var key = (reader.GetInt64(0), reader.GetInt32(1));
            if (!advisories.TryGetValue(key, out var lists))
            {
                advisories[key] = lists = ([], []);
            }

            var advisory = new RecordedAdvisory(
                reader.GetString(3), Enum.Parse<SeverityLevel>(reader.GetString(4)), reader.GetString(5).Split(' ', StringSplitOptions.RemoveEmptyEntries));
            (reader.GetString(2) == FixedSide ? lists.Fixed : lists.Introduced).Add(advisory);
        }

        return advisories;
    }

    private static RecordedDockerfileEvaluation ReadDockerfile(
        SqliteDataReader reader, (IReadOnlyList<RecordedAdvisory> Fixed, IReadOnlyList<RecordedAdvisory> Introduced) advisories)
    {
        int? Int(string column) => reader.IsDBNull(reader.GetOrdinal(column)) ? null : reader.GetInt32(reader.GetOrdinal(column));
        long? Long(string column) => reader.IsDBNull(reader.GetOrdinal(column)) ? null : reader.GetInt64(reader.GetOrdinal(column));
        string? Text(string column) => reader.IsDBNull(reader.GetOrdinal(column)) ? null : reader.GetString(reader.GetOrdinal(column));
        RecordedBuild? Build(string side) => Int(side + "_succeeded") is { } succeeded
            ? new RecordedBuild(succeeded != 0, TimeSpan.FromTicks(Long(side + "_duration") ?? 0), Long(side + "_size"), Text(side + "_failed_step"))
            : null;

        var scan = Int("scanned") == 1
            ? new RecordedScan(
                Int("package_changes") ?? 0,
                advisories.Fixed,
                advisories.Introduced,
                new SeverityCounts(Int("remaining_critical") ?? 0, Int("remaining_high") ?? 0, Int("remaining_medium") ?? 0, Int("remaining_low") ?? 0, Int("remaining_unknown") ?? 0))
            : null;
        return new RecordedDockerfileEvaluation(Text("dockerfile")!, Build("old"), Build("new"), Text("problem"), scan);
    }

    private static int? Flag(bool? value) => value is null ? null : value.Value ? 1 : 0;
}

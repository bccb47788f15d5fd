using System.Data.Common;
using RefreshBot.Application.Refresh.History;
using RefreshBot.Domain.Vulnerabilities.Severity;

namespace RefreshBot.Adapters.History;

/// <summary>Build-and-scan results (schema version 2): one row per evaluation, per Dockerfile, per fixed/introduced advisory.</summary>
public abstract partial class SqlRefreshHistory
{
    private const string FixedSide = "fixed";
    private const string IntroducedSide = "introduced";

    public Task RecordEvaluationAsync(RecordedEvaluation evaluation, CancellationToken cancellationToken) =>
        InTransactionAsync(async (transaction, ct) =>
        {
            var id = Convert.ToInt64(
                await ScalarAsync(
                    transaction.Connection!,
                    transaction,
                    "INSERT INTO evaluations (repository, branch, pull_request, evaluated) VALUES (@r, @b, @n, @t) RETURNING id",
                    [("r", evaluation.Repository), ("b", evaluation.Branch), ("n", evaluation.PullRequest), ("t", Dialect.Time(evaluation.Evaluated))],
                    ct).ConfigureAwait(false),
                System.Globalization.CultureInfo.InvariantCulture);
            for (var position = 0; position < evaluation.Dockerfiles.Count; position++)
            {
                await InsertDockerfileAsync(transaction, id, position, evaluation.Dockerfiles[position], ct).ConfigureAwait(false);
            }

            return id;
        }, cancellationToken);

    public Task<IReadOnlyList<RecordedEvaluation>> EvaluationsAsync(string? repository, DateTimeOffset since, CancellationToken cancellationToken) =>
        repository is null
            ? ReadEvaluationsAsync("SELECT id FROM evaluations WHERE evaluated >= @since", [("since", Dialect.Time(since))], cancellationToken)
            : ReadEvaluationsAsync(
                "SELECT id FROM evaluations WHERE evaluated >= @since AND repository = @r", [("since", Dialect.Time(since)), ("r", repository)], cancellationToken);

    /// <remarks>The latest per (repository, branch, pull request): no later one (or a same-time one with a higher id) of the same key.</remarks>
    public Task<IReadOnlyList<RecordedEvaluation>> LatestEvaluationsAsync(DateTimeOffset asOf, CancellationToken cancellationToken) =>
        ReadEvaluationsAsync(
            """
            SELECT e.id FROM evaluations e WHERE e.evaluated <= @t AND NOT EXISTS (
                SELECT 1 FROM evaluations n WHERE n.repository = e.repository AND n.branch = e.branch
                AND (n.pull_request = e.pull_request OR (n.pull_request IS NULL AND e.pull_request IS NULL))
                AND n.evaluated <= @t AND (n.evaluated > e.evaluated OR (n.evaluated = e.evaluated AND n.id > e.id)))
            """,
            [("t", Dialect.Time(asOf))],
            cancellationToken);

    /// <summary>The evaluations whose ids <paramref name="selected"/> (a <c>SELECT id</c>) gives, oldest first.</summary>
    private Task<IReadOnlyList<RecordedEvaluation>> ReadEvaluationsAsync(string selected, (string, object?)[] parameters, CancellationToken cancellationToken) =>
        WithConnectionAsync<IReadOnlyList<RecordedEvaluation>>(async (connection, ct) =>
        {
            var advisories = await AdvisoriesAsync(
                connection,
                $"SELECT evaluation, position, side, id, severity, aliases FROM evaluation_advisories WHERE evaluation IN ({selected}) ORDER BY evaluation, position, side, rank",
                parameters,
                ct).ConfigureAwait(false);
            var dockerfiles = new Dictionary<long, List<RecordedDockerfileEvaluation>>();
            using (var command = Command(connection, null, $"SELECT * FROM evaluation_dockerfiles WHERE evaluation IN ({selected}) ORDER BY evaluation, position", parameters))
            {
                using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    var evaluation = Long(reader, reader.GetOrdinal("evaluation"));
                    var found = advisories.TryGetValue((evaluation, Int(reader, reader.GetOrdinal("position"))), out var lists)
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
            using (var command = Command(connection, null, $"SELECT id, repository, branch, pull_request, evaluated FROM evaluations WHERE id IN ({selected}) ORDER BY evaluated, id", parameters))
            {
                using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    evaluations.Add(new RecordedEvaluation(
                        reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : Int(reader, 3), Dialect.ReadTime(reader, 4),
                        dockerfiles.GetValueOrDefault(Long(reader, 0)) ?? []));
                }
            }

            return evaluations;
        }, cancellationToken);

    private static async Task InsertDockerfileAsync(DbTransaction transaction, long evaluation, int position, RecordedDockerfileEvaluation dockerfile, CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        var scan = dockerfile.Scan;
        await ExecuteAsync(
            connection,
            transaction,
            """
            INSERT INTO evaluation_dockerfiles (
                evaluation, position, dockerfile,
                old_succeeded, old_duration, old_size, old_failed_step, new_succeeded, new_duration, new_size, new_failed_step,
                problem, scanned, package_changes,
                remaining_critical, remaining_high, remaining_medium, remaining_low, remaining_unknown)
            VALUES (@e, @p, @d, @os, @od, @oz, @of, @ns, @nd, @nz, @nf, @problem, @scanned, @packages, @rc, @rh, @rm, @rl, @ru)
            """,
            [
                ("e", evaluation), ("p", position), ("d", dockerfile.Dockerfile),
                ("os", Flag(dockerfile.Old?.Succeeded)), ("od", dockerfile.Old?.Duration.Ticks), ("oz", dockerfile.Old?.SizeBytes), ("of", dockerfile.Old?.FailedStep),
                ("ns", Flag(dockerfile.New?.Succeeded)), ("nd", dockerfile.New?.Duration.Ticks), ("nz", dockerfile.New?.SizeBytes), ("nf", dockerfile.New?.FailedStep),
                ("problem", dockerfile.Problem), ("scanned", scan is null ? 0 : 1), ("packages", scan?.PackageChanges),
                ("rc", scan?.Remaining.Critical), ("rh", scan?.Remaining.High), ("rm", scan?.Remaining.Medium), ("rl", scan?.Remaining.Low), ("ru", scan?.Remaining.Unknown),
            ],
            cancellationToken).ConfigureAwait(false);

        foreach (var (side, list) in new[] { (FixedSide, scan?.Fixed ?? []), (IntroducedSide, scan?.Introduced ?? []) })
        {
            for (var rank = 0; rank < list.Count; rank++)
            {
                await ExecuteAsync(
                    connection,
                    transaction,
                    "INSERT INTO evaluation_advisories (evaluation, position, side, rank, id, severity, aliases) VALUES (@e, @p, @s, @k, @id, @sev, @a)",
                    [
                        ("e", evaluation), ("p", position), ("s", side), ("k", rank), ("id", list[rank].Id),
                        ("sev", list[rank].Severity.ToString()), ("a", string.Join(' ', list[rank].Aliases)),
                    ],
                    cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task<Dictionary<(long, int), (List<RecordedAdvisory> Fixed, List<RecordedAdvisory> Introduced)>> AdvisoriesAsync(
        DbConnection connection, string sql, (string, object?)[] parameters, CancellationToken cancellationToken)
    {
        var advisories = new Dictionary<(long, int), (List<RecordedAdvisory> Fixed, List<RecordedAdvisory> Introduced)>();
        using var command = Command(connection, null, sql, parameters);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var key = (Long(reader, 0), Int(reader, 1));
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
        DbDataReader reader, (IReadOnlyList<RecordedAdvisory> Fixed, IReadOnlyList<RecordedAdvisory> Introduced) advisories)
    {
        int? Integer(string column) => reader.IsDBNull(reader.GetOrdinal(column)) ? null : Int(reader, reader.GetOrdinal(column));
        long? Big(string column) => reader.IsDBNull(reader.GetOrdinal(column)) ? null : Long(reader, reader.GetOrdinal(column));
        string? Text(string column) => reader.IsDBNull(reader.GetOrdinal(column)) ? null : reader.GetString(reader.GetOrdinal(column));
        RecordedBuild? Build(string side) => Integer(side + "_succeeded") is { } succeeded
            ? new RecordedBuild(succeeded != 0, TimeSpan.FromTicks(Big(side + "_duration") ?? 0), Big(side + "_size"), Text(side + "_failed_step"))
            : null;

        var scan = Integer("scanned") == 1
            ? new RecordedScan(
                Integer("package_changes") ?? 0,
                advisories.Fixed,
                advisories.Introduced,
                new SeverityCounts(Integer("remaining_critical") ?? 0, Integer("remaining_high") ?? 0, Integer("remaining_medium") ?? 0, Integer("remaining_low") ?? 0, Integer("remaining_unknown") ?? 0))
            : null;
        return new RecordedDockerfileEvaluation(Text("dockerfile")!, Build("old"), Build("new"), Text("problem"), scan);
    }

    private static int? Flag(bool? value) => value is null ? null : value.Value ? 1 : 0;
}

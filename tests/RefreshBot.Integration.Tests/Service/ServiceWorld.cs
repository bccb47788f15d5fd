using System.Globalization;
using Microsoft.Data.Sqlite;
using RefreshBot.Adapters.History;
using RefreshBot.Application.Refresh.History;
using RefreshBot.Integration.Tests.EndToEnd;
using RefreshBot.Testing.GitHub;
using RefreshBot.Testing.Workers;

namespace RefreshBot.Integration.Tests.Service;

/// <summary>
/// <see cref="RefreshWorld"/> (registry, git server, fake GitHub) with a fleet of repositories team/app, team/svc-1, …
/// whose Dockerfiles pin the old digest, a service config (<see cref="WriteConfig"/>), and worker processes started
/// with <see cref="StartWorkerAsync"/> against one SQLite data folder.
/// </summary>
public sealed class ServiceWorld : IAsyncLifetime
{
    private readonly List<WorkerProcess> _workers = [];

    public RefreshWorld World { get; } = new();

    public List<string> Repositories { get; } = ["team/app"];

    /// <summary>A PostgreSQL connection string given to the workers as <c>$REFRESHBOT_TEST_PG</c> and named by the config
    /// (<c>storage.database.postgres</c>); null: the SQLite file.</summary>
    public string? Postgres { get; set; }

    public string ConfigPath => Path.Combine(World.Folder, "refreshbot.yaml");

    public Task InitializeAsync() => World.InitializeAsync();

    /// <summary>Adds team/svc-1 … team/svc-N.</summary>
    public async Task AddRepositoriesAsync(int count)
    {
        for (var i = 1; i <= count; i++)
        {
            await World.GitHub.CreateRepositoryAsync("team", "svc-" + i, new Dictionary<string, string>
            {
                ["Dockerfile"] = World.Dockerfile(World.Old),
                ["README.md"] = "# svc\n",
            });
            Repositories.Add("team/svc-" + i);
        }
    }

    /// <summary>Writes the config: every repository of <paramref name="repositories"/> (default all) on <paramref name="schedule"/>.</summary>
    public string WriteConfig(string schedule, string jitter = "0", string shutdownTimeout = "2m", IEnumerable<string>? repositories = null,
        IReadOnlyDictionary<string, string>? schedules = null, string extra = "")
    {
        var entries = (repositories ?? Repositories).Select(r =>
            schedules is not null && schedules.TryGetValue(r, out var own) ? $"  - github: {r}\n    schedule: \"{own}\"" : "  - github: " + r);
        var yaml = $"""
            github:
              apiUrl: {World.GitHub.ApiUri}
              token: ${"{"}file:token.txt{"}"}
            git:
              author: {"{"}name: refreshbot, email: bot@refreshbot.test{"}"}
            storage:
              dataDir: {World.DataDir}{(Postgres is null ? "" : "\n  database:\n    postgres: ${env:REFRESHBOT_TEST_PG}")}
            service:
              jitter: {jitter}
              shutdownTimeout: {shutdownTimeout}
              cluster: {"{"}checkinInterval: 2s{"}"}
            defaults:
              schedule: "{schedule}"
            {extra}
            repositories:
            {string.Join("\n", entries)}
            """;
        File.WriteAllText(ConfigPath, yaml);
        return ConfigPath;
    }

    /// <summary>A Quartz cron firing once, at <paramref name="at"/> (UTC, whole seconds).</summary>
    public static string Once(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return string.Create(CultureInfo.InvariantCulture, $"{utc.Second} {utc.Minute} {utc.Hour} {utc.Day} {utc.Month} ? {utc.Year}");
    }

    /// <param name="path">The worker's PATH; null: the test process's.</param>
    /// <param name="port">The port its endpoints listen on (e.g. one a registry's notifications already name); null: a free one.</param>
    public async Task<WorkerProcess> StartWorkerAsync(string? path = null, int? port = null)
    {
        var worker = await WorkerProcess.StartAsync(new WorkerOptions(ConfigPath)
        {
            Name = "worker-" + (_workers.Count + 1),
            Path = path,
            Port = port,
            Environment = Postgres is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["REFRESHBOT_TEST_PG"] = Postgres },
        });
        _workers.Add(worker);
        return worker;
    }

    public IReadOnlyList<FakePullRequest> Pulls(string repository)
    {
        var parts = repository.Split('/');
        return World.GitHub.PullRequests(parts[0], parts[1]);
    }

    /// <summary>Waits until <paramref name="done"/> holds (generous deadline), failing with the workers' logs.</summary>
    public async Task WaitUntilAsync(Func<bool> done, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!done())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"not reached within {timeout}: {what}\n{Logs()}");
            }

            await Task.Delay(100);
        }
    }

    public string Logs() => string.Join("\n", _workers.Select(w => $"--- {w.Name} (exit {w.ExitCode})\n{w.Stderr}"));

    /// <summary>The history's runs of <paramref name="repository"/>, newest first (open it only while no worker runs).</summary>
    public async Task<IReadOnlyList<RecordedRun>> RunsAsync(string repository)
    {
        await using var history = await HistoryStores.OpenAsync(DatabaseSettings.SqliteIn(World.DataDir), default);
        return await history.RunsAsync(repository, 50, default);
    }

    /// <summary>Rows of Quartz's tables (the job store in the history's file).</summary>
    public List<string[]> Query(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(World.DataDir, SqliteRefreshHistory.FileName)};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string[]>();
        while (reader.Read())
        {
            rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)!)]);
        }

        return rows;
    }

    public async Task DisposeAsync()
    {
        foreach (var worker in _workers)
        {
            await worker.DisposeAsync();
        }

        await World.DisposeAsync();
    }
}

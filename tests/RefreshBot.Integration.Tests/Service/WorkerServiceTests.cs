using System.Net;
using System.Text.Json;
using RefreshBot.Application.Refresh.History;

namespace RefreshBot.Integration.Tests.Service;

/// <summary>
/// <c>refreshbot run</c> as a worker process (SQLite in its data folder): jobs on their cron, reconciliation after a
/// config change, graceful stop, health endpoints over HTTP.
/// </summary>
public sealed class WorkerServiceTests : IAsyncLifetime
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(120);

    private readonly ServiceWorld _service = new();

    public Task InitializeAsync() => _service.InitializeAsync();

    public Task DisposeAsync() => _service.DisposeAsync();

    [Fact]
    public async Task Each_repository_runs_on_its_cron_opens_one_pull_request_and_keeps_it_on_later_runs()
    {
        await _service.AddRepositoriesAsync(2);
        _service.WriteConfig("0/5 * * * * ?");
        var worker = await _service.StartWorkerAsync();

        await _service.WaitUntilAsync(() => _service.Repositories.All(r => _service.Pulls(r).Count == 1), Generous, "a pull request in every repository");
        // Later runs of the same cron find the pull request up to date: still one per repository.
        await _service.WaitUntilAsync(
            () => _service.Repositories.All(r => Count(worker.Stderr, $"{r}: Succeeded") >= 2), Generous, "a second run of every repository");

        Assert.All(_service.Repositories, r => Assert.Single(_service.Pulls(r)));
        Assert.All(_service.Repositories, r => Assert.True(_service.Pulls(r)[0].IsOpen));
        Assert.Equal(0, await worker.StopAsync(Generous));
    }

    [Fact]
    public async Task Healthz_and_readyz_answer_over_http_with_every_check_listed()
    {
        _service.WriteConfig("0 0 3 * * ?");
        var worker = await _service.StartWorkerAsync();

        using var health = await worker.Http.GetAsync("healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("ok", (await health.Content.ReadAsStringAsync()).Trim());

        using var ready = await worker.Http.GetAsync("readyz");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        using var json = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
        Assert.Equal("ready", json.RootElement.GetProperty("status").GetString());
        var checks = json.RootElement.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("ready").GetBoolean());
        Assert.Equal(new Dictionary<string, bool> { ["database"] = true, ["scheduler"] = true }, checks);
        Assert.Equal(0, await worker.StopAsync(Generous));
    }

    [Fact]
    public async Task Readyz_is_503_when_builds_need_docker_and_there_is_none()
    {
        _service.WriteConfig("0 0 3 * * ?", extra: "build:\n  enabled: true\n");
        var noTools = Directory.CreateDirectory(Path.Combine(_service.World.Folder, "empty-path")).FullName;
        var worker = await _service.StartWorkerAsync(path: noTools);

        using var ready = await worker.Http.GetAsync("readyz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        using var json = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
        Assert.Equal("not ready", json.RootElement.GetProperty("status").GetString());
        var docker = json.RootElement.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "docker");
        Assert.False(docker.GetProperty("ready").GetBoolean());
        Assert.Contains("not found", docker.GetProperty("detail").GetString());
        using var health = await worker.Http.GetAsync("healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task A_config_change_takes_effect_on_restart_with_removed_repositories_unscheduled()
    {
        await _service.AddRepositoriesAsync(2);
        _service.WriteConfig("0 0 3 * * ?", repositories: ["team/app", "team/svc-1"]);
        var first = await _service.StartWorkerAsync();
        Assert.Equal(0, await first.StopAsync(Generous));
        Assert.Equal(["team/app", "team/svc-1"], RefreshJobs());

        _service.WriteConfig("0 0 3 * * ?", repositories: ["team/app", "team/svc-2"], schedules: new Dictionary<string, string> { ["team/app"] = "0 30 4 ? * MON-FRI" });
        var second = await _service.StartWorkerAsync();
        Assert.Equal(0, await second.StopAsync(Generous));

        Assert.Equal(["team/app", "team/svc-2"], RefreshJobs());
        var crons = _service.Query("SELECT TRIGGER_NAME, CRON_EXPRESSION FROM QRTZ_CRON_TRIGGERS WHERE TRIGGER_GROUP='refresh' ORDER BY TRIGGER_NAME")
            .ToDictionary(r => r[0], r => r[1]);
        Assert.Equal(new Dictionary<string, string> { ["cron:team/app"] = "0 30 4 ? * MON-FRI", ["cron:team/svc-2"] = "0 0 3 * * ?" }, crons);
        Assert.Contains("Job team/svc-1 removed: no longer in the config", second.Stderr);
    }

    [Fact]
    public async Task Sigterm_while_a_job_runs_lets_it_finish_then_exits_0()
    {
        _service.World.Registry.Proxy.ResponseDelay = TimeSpan.FromSeconds(1);
        _service.WriteConfig(ServiceWorld.Once(DateTimeOffset.UtcNow.AddSeconds(4)));
        var worker = await _service.StartWorkerAsync();
        await worker.WaitForOutputAsync("team/app: refresh starting", Generous);

        var exit = await worker.StopAsync(Generous);

        Assert.Equal(0, exit);
        Assert.Contains("waiting up to 00:02:00 for 1 running job(s)", worker.Stderr);
        var log = worker.Stderr;
        var done = log.IndexOf("team/app: Succeeded; 1 created", StringComparison.Ordinal);
        Assert.True(done >= 0, log);
        Assert.True(done < log.IndexOf("Scheduler stopped", StringComparison.Ordinal), log);
        Assert.Single(_service.Pulls("team/app"));
        Assert.Equal(RunOutcome.Succeeded, (await _service.RunsAsync("team/app"))[0].Outcome);
    }

    private List<string> RefreshJobs() =>
        [.. _service.Query("SELECT JOB_NAME FROM QRTZ_JOB_DETAILS WHERE JOB_GROUP='refresh' ORDER BY JOB_NAME").Select(r => r[0])];

    private static int Count(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}

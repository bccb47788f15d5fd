using System.Net;
using RefreshBot.Testing.Postgres;

namespace RefreshBot.Integration.Tests.Service;

/// <summary>The worker on PostgreSQL (a real server): history and Quartz's clustered job store in one database.</summary>
public sealed class PostgresWorkerTests : IAsyncLifetime
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(120);

    private readonly ServiceWorld _service = new();
    private PostgresServer _postgres = null!;

    public async Task InitializeAsync()
    {
        _postgres = await PostgresServer.StartAsync();
        await _service.InitializeAsync();
        _service.Postgres = await _postgres.CreateDatabaseAsync();
    }

    public async Task DisposeAsync()
    {
        await _service.DisposeAsync();
        await _postgres.DisposeAsync();
    }

    [Fact]
    public async Task A_clustered_worker_on_postgres_runs_the_jobs_and_is_ready()
    {
        await _service.AddRepositoriesAsync(1);
        _service.WriteConfig("0/5 * * * * ?");
        var worker = await _service.StartWorkerAsync();

        await _service.WaitUntilAsync(() => _service.Repositories.All(r => _service.Pulls(r).Count == 1), Generous, "a pull request in every repository");
        using var ready = await worker.Http.GetAsync("readyz");

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Contains("clustered: True", worker.Stderr);
        Assert.DoesNotContain(_postgres.Password, worker.Stderr);
        Assert.Equal(0, await worker.StopAsync(Generous));
        Assert.All(_service.Repositories, r => Assert.Single(_service.Pulls(r)));
    }
}

using RefreshBot.Application.Refresh.History;

namespace RefreshBot.Integration.Tests.Service;

/// <summary>
/// MUST SHOW (issue 5): a single SQLite worker killed (SIGKILL) mid-cycle; the next start completes the cycle —
/// every repository processed, exactly one pull request per branch, no duplicate, every run in the history complete.
/// </summary>
public sealed class WorkerCrashRecoveryTests : IAsyncLifetime
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(150);

    private readonly ServiceWorld _service = new();

    public Task InitializeAsync() => _service.InitializeAsync();

    public Task DisposeAsync() => _service.DisposeAsync();

    [Fact]
    public async Task Killed_mid_cycle_the_next_start_completes_the_cycle_without_duplicates()
    {
        await _service.AddRepositoriesAsync(7);
        _service.World.Registry.Proxy.ResponseDelay = TimeSpan.FromMilliseconds(400);
        // One cycle only (a cron that fires once), so nothing but recovery can finish it after the crash.
        _service.WriteConfig(ServiceWorld.Once(DateTimeOffset.UtcNow.AddSeconds(6)));
        var first = await _service.StartWorkerAsync();

        await _service.WaitUntilAsync(
            () => _service.World.GitHub.Requests.Any(r => r.Method == "POST" && r.Path.EndsWith("/pulls", StringComparison.Ordinal)),
            Generous, "the first pull request request");
        first.Kill();
        await first.WaitForExitAsync(Generous);

        var openedBeforeCrash = _service.Repositories.Count(r => _service.Pulls(r).Count > 0);
        Assert.True(openedBeforeCrash < _service.Repositories.Count, $"the crash came too late to prove anything:\n{_service.Logs()}");
        var unfinished = 0;
        foreach (var repository in _service.Repositories)
        {
            unfinished += (await _service.RunsAsync(repository)).Count(run => run.Finished is null);
        }

        Assert.True(unfinished > 0, "no run was cut short by the crash");

        var second = await _service.StartWorkerAsync();
        await _service.WaitUntilAsync(() => _service.Repositories.All(r => _service.Pulls(r).Count >= 1), Generous, "a pull request in every repository");
        await _service.WaitUntilAsync(
            () => _service.Repositories.All(r => second.Stderr.Contains($"{r}: Succeeded", StringComparison.Ordinal)
                || first.Stderr.Contains($"{r}: Succeeded", StringComparison.Ordinal)),
            Generous, "every repository's run finished");
        Assert.Equal(0, await second.StopAsync(Generous));

        foreach (var repository in _service.Repositories)
        {
            var pull = Assert.Single(_service.Pulls(repository));
            Assert.True(pull.IsOpen);
            Assert.Equal("refreshbot/base-images", pull.HeadRef);
            Assert.Contains(_service.World.Current.Encoded[..12], pull.Body);
            var runs = await _service.RunsAsync(repository);
            Assert.Equal(RunOutcome.Succeeded, runs[0].Outcome);
            Assert.NotNull(runs[0].Finished);
        }

        Assert.Contains("recovering: True", second.Stderr);
        Assert.Empty(_service.World.GitHub.Violations);
    }
}

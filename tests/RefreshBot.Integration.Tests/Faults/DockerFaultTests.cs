using RefreshBot.Integration.Tests.EndToEnd;
using RefreshBot.Testing.Docker;
using RefreshBot.Testing.RootFs;
using Xunit.Abstractions;

namespace RefreshBot.Integration.Tests.Faults;

/// <summary>
/// Faults of the Docker daemon while the bot builds proposals (<c>build.enabled</c>), on a private dockerd per test
/// (<see cref="PrivateDockerDaemon"/>): stopped, killed or stopped mid-build and restarted, out of disk. Fleet:
/// team/web (builds, faulted) and team/other, whose pull request a healthy first cycle opened, so the fault cycle has
/// nothing to rebuild for it. A build-host failure fails team/web's run with a clear reason and publishes nothing —
/// no branch, no pull request claiming the new base fails to build. Afterwards no container or image labelled
/// <c>refreshbot.build</c> is left on the daemon.
/// </summary>
public sealed class DockerFaultTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Web = "team/web";
    private const string BotLabel = "refreshbot.build";
    private readonly RefreshWorld _world = new() { Build = true, Concurrency = 2 };
    private FaultConvergence _check = null!;

    public async Task InitializeAsync()
    {
        await _world.InitializeAsync();
        _check = new FaultConvergence(_world, Web, "team/other");
    }

    public Task DisposeAsync() => _world.DisposeAsync();

    [Fact]
    [Fault("Docker", "daemon down (nothing listens on DOCKER_HOST)")]
    public async Task Daemon_down_fails_the_building_repository_as_unreachable_and_converges_once_it_is_back()
    {
        await using var daemon = await PrivateDockerDaemon.StartAsync();
        await ArrangeAsync(daemon, "RUN echo built > /built\n");
        await daemon.StopAsync();

        var report = await _check.RunAsync();

        output.WriteLine(await _check.AssertRecordedAsync(report, Web, "Docker daemon unreachable at " + daemon.Host));
        await AssertNothingPublishedAsync();
        _check.AssertOthersProceeded(report, Web);
        await daemon.StartAgainAsync();
        await _check.AssertConvergesAsync();
        Assert.Empty(await daemon.LabelledAsync(BotLabel));
    }

    [Fact]
    [Fault("Docker", "daemon killed (SIGKILL) and restarted mid-build")]
    public async Task Daemon_killed_mid_build_is_a_lost_connection_not_a_failing_base() => await RestartedMidBuildAsync(kill: true);

    [Fact]
    [Fault("Docker", "daemon stopped (SIGTERM) mid-build, then started again")]
    public async Task Daemon_stopped_mid_build_is_a_lost_connection_not_a_failing_base() => await RestartedMidBuildAsync(kill: false);

    [Fact]
    [Fault("Docker", "disk full (no space left on device) during the build")]
    public async Task Disk_full_during_the_build_is_an_infrastructure_failure_not_the_new_base()
    {
        const long Mb = 1024 * 1024;
        await using var daemon = await PrivateDockerDaemon.StartAsync(dataRootBytes: 48 * Mb);
        await ArrangeAsync(daemon, "RUN dd if=/dev/zero of=/fill bs=1M count=64 && rm /fill\n");

        var report = await _check.RunAsync();

        output.WriteLine(await _check.AssertRecordedAsync(report, Web, "ran out of disk space", "no space left on device", "not the new base"));
        await AssertNothingPublishedAsync();
        _check.AssertOthersProceeded(report, Web);
        Assert.Empty(await daemon.LabelledAsync(BotLabel));
        await daemon.ResizeDataRootAsync(1024 * Mb);
        await _check.AssertConvergesAsync();
        Assert.Empty(await daemon.LabelledAsync(BotLabel));
    }

    private async Task RestartedMidBuildAsync(bool kill)
    {
        await using var daemon = await PrivateDockerDaemon.StartAsync();
        await ArrangeAsync(daemon, "RUN sleep 8\n");

        var cycle = Task.Run(_check.RunAsync);
        await daemon.WaitForRunningContainerAsync(TimeSpan.FromMinutes(3));
        await daemon.StopAsync(kill);
        if (kill)
        {
            // Restarted while the bot's build is still waiting on the old connection.
            await daemon.StartAgainAsync();
        }

        var report = await cycle;
        if (!kill)
        {
            // Stopped cleanly: it stays down until the cycle has judged the build, then comes back.
            await daemon.StartAgainAsync();
        }

        // Killed: the build's stream breaks (unexpected EOF). Stopped: dockerd may still answer for a moment while it
        // shuts down, so the killed step can look like a failing command and the next build then finds no daemon.
        var reason = await _check.AssertRecordedAsync(report, Web, "Docker daemon", daemon.Host);
        Assert.Contains(kill ? "Docker daemon connection lost" : "Docker daemon ", reason, StringComparison.Ordinal);
        Assert.Matches(kill ? "connection lost.*unexpected EOF" : "connection lost|unreachable", reason);
        output.WriteLine(reason);
        await AssertNothingPublishedAsync();
        _check.AssertOthersProceeded(report, Web);
        Assert.True(daemon.Running);
        await _check.AssertConvergesAsync();
        Assert.Empty(await daemon.LabelledAsync(BotLabel));
    }

    /// <summary>
    /// Base team/bb:1 (busybox) at v1 → both repositories pin it → v2 pushed; one healthy cycle over team/other alone
    /// opens its pull request (both builds ran on <paramref name="daemon"/>).
    /// </summary>
    private async Task ArrangeAsync(PrivateDockerDaemon daemon, string webSteps)
    {
        _world.DockerHost = daemon.Host;
        var v1 = await BaseImageFactory.CreateAlpineLikeAsync(_world.Registry.Registry.BaseUri, "team/bb", "1", [new("musl", "1.2.5-r0")]);
        var from = $"FROM {_world.Registry.Host}/team/bb:1@{v1.Digest}\n";
        await _world.GitHub.CreateRepositoryAsync("team", "web", new Dictionary<string, string> { ["Dockerfile"] = from + webSteps });
        await _world.GitHub.CreateRepositoryAsync("team", "other", new Dictionary<string, string> { ["Dockerfile"] = from + "RUN echo other > /other\n" });
        await BaseImageFactory.CreateAlpineLikeAsync(_world.Registry.Registry.BaseUri, "team/bb", "1", [new("musl", "1.2.5-r1")]);

        var first = await _world.RunAsync(false, "team/other");
        var other = Assert.Single(first.Repositories);
        Assert.True(other.Status == Application.Refresh.Reporting.RepositoryStatus.Succeeded, $"{other.Status} {other.Reason}");
        Assert.Single(_world.GitHub.PullRequests("team", "other"));
    }

    /// <summary>Nothing of team/web's failed evaluation reached GitHub: no pull request (so none claiming a build failure), no bot branch.</summary>
    private async Task AssertNothingPublishedAsync()
    {
        Assert.Empty(_world.GitHub.PullRequests("team", "web"));
        var branches = await _world.GitHub.Repository("team", "web").Git.BranchesAsync();
        Assert.Equal(["main"], branches);
    }
}

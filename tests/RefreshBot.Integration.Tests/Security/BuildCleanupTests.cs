using RefreshBot.Application.Refresh.Reporting;
using RefreshBot.Integration.Tests.EndToEnd;
using RefreshBot.Testing.Docker;
using RefreshBot.Testing.RootFs;

namespace RefreshBot.Integration.Tests.Security;

/// <summary>
/// Untrusted builds leave nothing behind: after a cycle whose builds succeed (several steps) and fail (the new image's
/// step fails), the daemon holds no container and no image the bot built — built, intermediate or labelled — only the
/// base images it pulled. On a private dockerd (<see cref="PrivateDockerDaemon"/>) so no other test's work is counted.
/// </summary>
public sealed class BuildCleanupTests : IAsyncLifetime
{
    private readonly RefreshWorld _world = new() { Build = true, Concurrency = 2 };

    public Task InitializeAsync() => _world.InitializeAsync();

    public Task DisposeAsync() => _world.DisposeAsync();

    [Fact]
    public async Task Nothing_the_bot_built_is_left_on_the_daemon_after_a_cycle_of_succeeding_and_failing_builds()
    {
        await using var daemon = await PrivateDockerDaemon.StartAsync();
        _world.DockerHost = daemon.Host;
        var v1 = await BaseImageFactory.CreateAlpineLikeAsync(_world.Registry.Registry.BaseUri, "team/bb", "1", [new("musl", "1.2.5-r0")]);
        var from = $"FROM {_world.Registry.Host}/team/bb:1@{v1.Digest}\n";
        await _world.GitHub.CreateRepositoryAsync("team", "tidy", new Dictionary<string, string>
        {
            ["Dockerfile"] = from + "RUN echo one > /one\nRUN echo two > /two\nCOPY hello.txt /hello.txt\n",
            ["hello.txt"] = "hi\n",
        });
        await _world.GitHub.CreateRepositoryAsync("team", "messy", new Dictionary<string, string>
        {
            ["Dockerfile"] = from + "RUN echo one > /one\nRUN grep -q 'V:1.2.5-r0' /lib/apk/db/installed\n",
        });
        await BaseImageFactory.CreateAlpineLikeAsync(_world.Registry.Registry.BaseUri, "team/bb", "1", [new("musl", "1.2.5-r1")]);
        Assert.Empty(await ListAsync(daemon, "ps", "-a", "-q", "--no-trunc"));

        var report = await _world.RunAsync(false, "team/tidy", "team/messy");

        Assert.All(report.Repositories, r => Assert.True(r.Status == RepositoryStatus.Succeeded, $"{r.Repository}: {r.Reason}"));
        Assert.Contains(report.Repositories.Single(r => r.Repository == "team/messy").Groups, g => g.Draft);
        Assert.Equal(4, _world.Logs.Lines.Count(m => m.Contains("built (succeeded", StringComparison.Ordinal)));
        Assert.Single(_world.Logs.Lines, m => m.Contains("built (succeeded: False)", StringComparison.Ordinal));
        Assert.Empty(await ListAsync(daemon, "ps", "-a", "-q", "--no-trunc"));
        Assert.Empty(await daemon.LabelledAsync("refreshbot.build"));
        var images = await ListAsync(daemon, "images", "-a", "-q", "--no-trunc");
        Assert.NotEmpty(images);
        foreach (var image in images)
        {
            // Only the pulled bases (old and new; they carry a registry digest) stay; built and intermediate images have none.
            var digests = await ListAsync(daemon, "image", "inspect", "--format", "{{range .RepoDigests}}{{.}} {{end}}", image);
            Assert.True(string.Join(' ', digests).Contains(_world.Registry.Host + "/team/bb@", StringComparison.Ordinal), $"left behind: {image} ({string.Join(' ', digests)})");
        }
    }

    private static async Task<IReadOnlyList<string>> ListAsync(PrivateDockerDaemon daemon, params string[] arguments)
    {
        var (exitCode, output, error) = await daemon.DockerAsync(CancellationToken.None, arguments);
        Assert.True(exitCode == 0, $"docker {string.Join(' ', arguments)}: {error}");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}

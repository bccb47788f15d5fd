using RefreshBot.Application.Refresh.Reporting;
using RefreshBot.Integration.Tests.EndToEnd;
using RefreshBot.Testing.Docker;
using RefreshBot.Testing.RootFs;

namespace RefreshBot.Integration.Tests.Evaluation;

/// <summary>
/// The repository setting <c>build: false</c> with building on for the fleet: that repository's proposal is neither built
/// nor scanned and says so; the other repository is built as usual. Real builds on a private dockerd.
/// </summary>
public sealed class BuildSwitchTests : IAsyncLifetime
{
    private const string NotRun = "Not run: building and scanning are off for this repository";

    private readonly RefreshWorld _world = new() { Build = true, Concurrency = 2 };

    public Task InitializeAsync() => _world.InitializeAsync();

    public Task DisposeAsync() => _world.DisposeAsync();

    [Fact]
    public async Task A_repository_with_build_false_is_not_built_and_its_pull_request_says_so_while_the_other_is_built()
    {
        await using var daemon = await PrivateDockerDaemon.StartAsync();
        _world.DockerHost = daemon.Host;
        _world.NotBuilt.Add("team/skipped");
        var v1 = await BaseImageFactory.CreateAlpineLikeAsync(_world.Registry.Registry.BaseUri, "team/bb", "1", [new("musl", "1.2.5-r0")]);
        var from = $"FROM {_world.Registry.Host}/team/bb:1@{v1.Digest}\nRUN echo one > /one\n";
        await _world.GitHub.CreateRepositoryAsync("team", "built", new Dictionary<string, string> { ["built/Dockerfile"] = from });
        await _world.GitHub.CreateRepositoryAsync("team", "skipped", new Dictionary<string, string> { ["skipped/Dockerfile"] = from });
        await BaseImageFactory.CreateAlpineLikeAsync(_world.Registry.Registry.BaseUri, "team/bb", "1", [new("musl", "1.2.5-r1")]);

        var report = await _world.RunAsync(false, "team/built", "team/skipped");

        Assert.All(report.Repositories, r => Assert.True(r.Status == RepositoryStatus.Succeeded, $"{r.Repository}: {r.Reason}"));
        var skipped = BuildAndScan(Assert.Single(_world.GitHub.PullRequests("team", "skipped")).Body);
        var built = BuildAndScan(Assert.Single(_world.GitHub.PullRequests("team", "built")).Body);
        Assert.StartsWith("_" + NotRun, skipped, StringComparison.Ordinal);
        Assert.DoesNotContain("Not run", built, StringComparison.Ordinal);
        Assert.Contains("**Dockerfile** `built/Dockerfile`", built, StringComparison.Ordinal);
        Assert.True(built.Contains("**Builds:** old ✓", StringComparison.Ordinal) && built.Contains(" · new ✓", StringComparison.Ordinal), built);

        // Old and new image of the one built repository; nothing of the other reached the builder.
        var started = _world.Logs.Lines.Where(l => l.Contains("Build ", StringComparison.Ordinal) && l.Contains(" started", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, started.Count);
        Assert.All(started, l => Assert.Contains("built/Dockerfile", l, StringComparison.Ordinal));
        Assert.DoesNotContain(_world.Logs.Lines, l => l.Contains("skipped/Dockerfile", StringComparison.Ordinal) && l.Contains("built", StringComparison.Ordinal));
        Assert.Equal(2, _world.Logs.Lines.Count(l => l.Contains("built/Dockerfile: built (succeeded: True)", StringComparison.Ordinal)));
    }

    /// <summary>The text of the pull request's "Build and scan" section (up to the rule that ends it).</summary>
    private static string BuildAndScan(string? body)
    {
        Assert.NotNull(body);
        var start = body.IndexOf("## Build and scan\n\n", StringComparison.Ordinal);
        Assert.True(start >= 0, body);
        var section = body[(start + "## Build and scan\n\n".Length)..];
        var end = section.IndexOf("\n---\n", StringComparison.Ordinal);
        return end >= 0 ? section[..end] : section;
    }
}

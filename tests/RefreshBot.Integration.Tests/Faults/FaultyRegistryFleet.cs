using RefreshBot.Domain.References;
using RefreshBot.Integration.Tests.EndToEnd;

namespace RefreshBot.Integration.Tests.Faults;

/// <summary>
/// A <see cref="RefreshWorld"/> whose team/other has its OWN image (team/otherbase, same registry), so a fault
/// filtered on <c>/v2/team/base/</c> hits team/app only. Cycles run the real composition of <c>run --once</c>;
/// the config's <c>registryClient:</c> shortens timeouts and retries (<see cref="ShortClient"/>), so a timeout
/// costs seconds, not minutes.
/// </summary>
public sealed class FaultyRegistryFleet(Action<string>? output = null) : IAsyncLifetime
{
    /// <summary>The path every request about team/app's image has, and no other.</summary>
    public const string AppImagePath = "/v2/team/base/";

    /// <summary>The fault tests' <c>registryClient:</c>: 2 s per attempt or body read, 2 retries, no cool-down.</summary>
    public const string ShortClient = "{requestTimeout: 2s, retries: 2, maxRetryAfter: 5s, unreachableCooldown: 0}";

    public RefreshWorld World { get; } = new() { RegistryClient = ShortClient };

    public FaultConvergence Check { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await World.InitializeAsync();
        var oldOther = (await World.Registry.Pusher.PushImageAsync("team/otherbase", "1")).Digest;
        await World.Registry.Pusher.PushImageAsync("team/otherbase", "1");
        await World.GitHub.CreateRepositoryAsync("team", "other", new Dictionary<string, string> { ["Dockerfile"] = OtherDockerfile(oldOther) });
        Check = new FaultConvergence(World, "team/app", "team/other") { Output = output };
    }

    public Task DisposeAsync() => World.DisposeAsync();

    /// <summary>Replaces team/app's Dockerfile so it pins <paramref name="image"/> (e.g. on another registry).</summary>
    public async Task PinAppAsync(string image, Digest pin)
    {
        var content = $"FROM {image}:1@{pin}\nRUN echo app\n";
        await World.Repo.Git.CommitAsync("main", new Dictionary<string, string> { ["Dockerfile"] = content }, "use " + image);
    }

    private string OtherDockerfile(Digest pin) => $"FROM {World.Registry.Host}/team/otherbase:1@{pin}\nRUN echo other\n";
}

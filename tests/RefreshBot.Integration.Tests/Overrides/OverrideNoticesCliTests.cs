using RefreshBot.Integration.Tests.Cli;

namespace RefreshBot.Integration.Tests.Overrides;

/// <summary><c>refreshbot run --once</c> prints the notices about a repository's own settings file in its summary (not only
/// as log warnings), each at its file:line:column.</summary>
public sealed class OverrideNoticesCliTests : IAsyncLifetime
{
    private readonly OverridesWorld _world = new();

    public Task InitializeAsync() => _world.InitializeAsync();

    public Task DisposeAsync() => _world.DisposeAsync();

    [Fact]
    public async Task The_console_summary_lists_the_keys_the_fleet_did_not_allow()
    {
        _world.OverridesSection = "  allow: [policies.unpinned]";
        await _world.CommitAsync(".github/refreshbot.yml", "policies:\n  unpinned: report\n  ignore: [\"*\"]\n");

        var run = await CliRun.InProcessAsync("run", "--once", "--config", await _world.WriteConfigAsync(), "--log-level", "Error");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains(
            "team/app:\n  settings file: .github/refreshbot.yml:3:3: 'policies.ignore' is not allowed by the fleet config (overrides.allow); ignored\n",
            run.Stdout.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_with_errors_is_reported_in_the_summary_with_the_fleet_settings_used()
    {
        await _world.CommitAsync(".github/refreshbot.yml", "grouping: sideways\n");

        var run = await CliRun.InProcessAsync("run", "--once", "--config", await _world.WriteConfigAsync(), "--log-level", "Error");

        Assert.True(run.ExitCode == 0, run.ToString());
        var stdout = run.Stdout.ReplaceLineEndings("\n");
        Assert.Contains("  settings file: .github/refreshbot.yml:1:11: settings.grouping: expected one of repository, dockerfile, image, got 'sideways'\n", stdout, StringComparison.Ordinal);
        Assert.Contains("  settings file: .github/refreshbot.yml: not applied (it has errors): this run used the fleet settings\n", stdout, StringComparison.Ordinal);
        Assert.Single(_world.World.Pulls);
    }
}

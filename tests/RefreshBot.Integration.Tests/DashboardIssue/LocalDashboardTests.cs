using RefreshBot.Integration.Tests.Cli;
using RefreshBot.Testing.Registry;

namespace RefreshBot.Integration.Tests.DashboardIssue;

/// <summary>The local code host's dashboard: a Markdown file next to the proposals, through <c>refreshbot run --once</c>.</summary>
public sealed class LocalDashboardTests
{
    [Fact]
    public async Task Local_mode_writes_the_dashboard_file_next_to_the_proposals()
    {
        await using var registry = await ProxiedRegistry.StartAsync();
        using var fleet = new GitFleet();
        await registry.Pusher.PushImageAsync("team/base", "1");
        fleet.Repository("app", ("Dockerfile", $"FROM {registry.Host}/team/base:1\nRUN echo hi\n"));
        var config = fleet.Write("refreshbot.yaml", """
            storage:
              dataDir: data
            defaults:
              dashboardIssue: true
            repositories:
              - path: app
            """);

        var run = await CliRun.InProcessAsync("run", "--once", "--config", config, "--log-level", "Warning");

        Assert.True(run.ExitCode == 0, run.ToString());
        var file = Assert.Single(Directory.GetFiles(Path.Combine(fleet.Root, "data", "proposals"), "refreshbot__dashboard.md", SearchOption.AllDirectories));
        var proposal = Assert.Single(Directory.GetFiles(Path.GetDirectoryName(file)!, "*.md"), f => f != file);
        var text = await File.ReadAllTextAsync(file);
        Assert.StartsWith("# RefreshBot dashboard\n\n<!-- refreshbot:dashboard -->\n", text);
        Assert.Contains("## Pending", text);
        Assert.Contains($"- \\#1 `{proposal}`", text);
        var written = File.GetLastWriteTimeUtc(file);

        var again = await CliRun.InProcessAsync("run", "--once", "--config", config, "--log-level", "Warning");
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal(text, await File.ReadAllTextAsync(file));
        Assert.Equal(written, File.GetLastWriteTimeUtc(file));

        fleet.Write("refreshbot.yaml", """
            storage:
              dataDir: data
            repositories:
              - path: app
            """);
        var off = await CliRun.InProcessAsync("run", "--once", "--config", config, "--log-level", "Warning");
        Assert.True(off.ExitCode == 0, off.ToString());
        var closed = await File.ReadAllTextAsync(file);
        Assert.Contains("<!-- refreshbot:dashboard-off -->", closed);
        Assert.Contains("dashboardIssue: false", closed);
        Assert.DoesNotContain("## Pending", closed);
    }
}

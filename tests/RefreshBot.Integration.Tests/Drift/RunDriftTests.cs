using RefreshBot.Adapters.History;
using RefreshBot.Integration.Tests.Cli;
using RefreshBot.Testing.Registry;

namespace RefreshBot.Integration.Tests.Drift;

/// <summary>
/// <c>refreshbot run --once</c> (local mode, real registry, real SQLite) with <c>unpinned: report</c>: each cycle records
/// the digest the tag points at; a tag that moved between cycles is a drift event in the history, and <c>check</c> on
/// the same data folder sees the same history.
/// </summary>
public sealed class RunDriftTests : RegistryFleetTest
{
    [Fact]
    public async Task A_tag_moved_between_two_cycles_under_the_report_policy_is_recorded_as_drift()
    {
        var old = (await Registry.Pusher.PushImageAsync("team/base", "1")).Digest;
        Fleet.Repository("app", ("Dockerfile", $"FROM {Registry.Host}/team/base:1\nRUN echo hi\n"));
        var data = Path.Combine(Fleet.Root, "data");
        var config = Fleet.Write("refreshbot.yaml", """
            storage:
              dataDir: data
            defaults:
              policies:
                unpinned: report
            repositories:
              - path: app
            """);

        var first = await CliRun.InProcessAsync("run", "--once", "--config", config, "--log-level", "Warning");
        Assert.True(first.ExitCode == 0, first.ToString());
        await using (var history = await SqliteRefreshHistory.OpenAsync(data, default))
        {
            Assert.Equal(old.ToString(), (await history.LastDigestAsync($"{Registry.Host}/team/base", "1", "linux/amd64", default))?.Digest);
            Assert.Empty(await history.DriftsAsync(DateTimeOffset.MinValue, default));
        }

        var moved = (await Registry.Pusher.PushImageAsync("team/base", "1")).Digest;
        var second = await CliRun.InProcessAsync("run", "--once", "--config", config, "--log-level", "Warning");

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.False(Directory.Exists(Path.Combine(data, "proposals"))); // report: never changed, only reported
        await using (var history = await SqliteRefreshHistory.OpenAsync(data, default))
        {
            var drift = Assert.Single(await history.DriftsAsync(DateTimeOffset.MinValue, default));
            Assert.Equal(($"{Registry.Host}/team/base", "1", "linux/amd64", old.ToString(), moved.ToString()),
                (drift.Image, drift.Tag, drift.Platform, drift.From, drift.To));
            Assert.Equal(moved.ToString(), (await history.LastDigestAsync(drift.Image, "1", "linux/amd64", default))?.Digest);
        }

        // check over the same data folder: the tag moved again since run recorded it.
        var newest = (await Registry.Pusher.PushImageAsync("team/base", "1")).Digest;
        var check = await CliRun.InProcessAsync("check", Path.Combine(Fleet.Root, "app"), "--data-dir", data, "--format", "json", "--log-level", "Warning");
        Assert.True(check.ExitCode == 0, check.ToString());
        var image = check.Image("Dockerfile", 1);
        Assert.Equal(newest.ToString(), image.GetProperty("currentDigest").GetString());
        Assert.True(image.GetProperty("drifted").GetBoolean());
        Assert.Equal(moved.ToString(), image.GetProperty("previousDigest").GetString());
    }
}

using RefreshBot.Adapters.History;
using RefreshBot.Application.Refresh.History;
using RefreshBot.Domain.Platforms;
using RefreshBot.Integration.Tests.Cli;
using RefreshBot.Testing.Registry;

namespace RefreshBot.Integration.Tests.Drift;

/// <summary>
/// Drift of unpinned tags through <c>refreshbot check</c>, against a real registry and a real SQLite history in a
/// data folder of each test's own: two checks with the tag moved in between → the second says drifted.
/// </summary>
public sealed class CheckDriftTests : RegistryFleetTest
{
    private static readonly Platform Amd64 = Platform.LinuxAmd64;
    private static readonly Platform Arm64 = new("linux", "arm64");

    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("refreshbot-data-");

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _data.Delete(recursive: true);
    }

    [Fact]
    public async Task A_tag_moved_between_two_checks_is_reported_drifted_with_its_previous_digest()
    {
        var old = await Registry.Pusher.PushIndexAsync("team/node", "22", [Amd64, Arm64]);
        WriteFleet();

        var first = await CheckAsync("--data-dir", _data.FullName);
        Assert.True(first.ExitCode == 0, first.ToString());
        var before = first.Image("app/Dockerfile", 1);
        Assert.Equal("unpinned", before.GetProperty("status").GetString());
        Assert.False(before.GetProperty("drifted").GetBoolean());
        Assert.Null(before.GetProperty("previousDigest").GetString());

        var moved = await Registry.Pusher.PushIndexAsync("team/node", "22", [Amd64, Arm64]);
        var second = await CheckAsync("--data-dir", _data.FullName);

        Assert.True(second.ExitCode == 0, second.ToString());
        var after = second.Image("app/Dockerfile", 1);
        Assert.Equal(moved.Digest.ToString(), after.GetProperty("currentDigest").GetString());
        Assert.True(after.GetProperty("drifted").GetBoolean());
        Assert.Equal(old.Digest.ToString(), after.GetProperty("previousDigest").GetString());
        // The second use of the same tag in the file says the same (one sighting per tag and check).
        Assert.True(second.Image("app/Dockerfile", 2).GetProperty("drifted").GetBoolean());

        await using var history = await SqliteRefreshHistory.OpenAsync(_data.FullName, default);
        var drift = Assert.Single(await history.DriftsAsync(DateTimeOffset.MinValue, default));
        Assert.Equal(($"{Registry.Host}/team/node", "22", "linux/amd64", old.Digest.ToString(), moved.Digest.ToString()),
            (drift.Image, drift.Tag, drift.Platform, drift.From, drift.To));

        var table = await CliRun.InProcessAsync("check", Fleet.Root, "--data-dir", _data.FullName, "--log-level", "Warning");
        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.DoesNotContain("drifted from", table.Stdout, StringComparison.Ordinal); // third check: no move since the second
    }

    [Fact]
    public async Task The_table_notes_the_digest_drifted_from_and_when_it_was_first_seen()
    {
        var old = await Registry.Pusher.PushIndexAsync("team/node", "22", [Amd64, Arm64]);
        WriteFleet();
        Assert.Equal(0, (await CheckAsync("--data-dir", _data.FullName)).ExitCode);
        await Registry.Pusher.PushIndexAsync("team/node", "22", [Amd64, Arm64]);

        var table = await CliRun.InProcessAsync("check", Fleet.Root, "--data-dir", _data.FullName, "--log-level", "Warning");

        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Contains($"drifted from sha256:{old.Digest.Encoded[..12]} (first seen {DateTimeOffset.UtcNow:yyyy-MM-dd}", table.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unchanged_tag_is_not_drifted()
    {
        await Registry.Pusher.PushIndexAsync("team/node", "22", [Amd64, Arm64]);
        WriteFleet();

        var first = await CheckAsync("--data-dir", _data.FullName);
        var second = await CheckAsync("--data-dir", _data.FullName);

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal(first.Stdout, second.Stdout);
        var image = second.Image("app/Dockerfile", 1);
        Assert.False(image.GetProperty("drifted").GetBoolean());
        Assert.Null(image.GetProperty("previousDigest").GetString());
        await using var history = await SqliteRefreshHistory.OpenAsync(_data.FullName, default);
        Assert.Empty(await history.DriftsAsync(DateTimeOffset.MinValue, default));
    }

    [Fact]
    public async Task No_history_reads_and_writes_nothing_and_reports_no_drift()
    {
        await Registry.Pusher.PushIndexAsync("team/node", "22", [Amd64, Arm64]);
        WriteFleet();
        var environment = new Dictionary<string, string> { ["REFRESHBOT_DATA_DIR"] = _data.FullName };

        var first = await CliRun.ProcessAsync($"check '{Fleet.Root}' --no-history --format json --log-level Warning", environment: environment);
        await Registry.Pusher.PushIndexAsync("team/node", "22", [Amd64, Arm64]);
        var second = await CliRun.ProcessAsync($"check '{Fleet.Root}' --no-history --format json --log-level Warning", environment: environment);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        var image = second.Image("app/Dockerfile", 1);
        Assert.False(image.GetProperty("drifted").GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, image.GetProperty("previousDigest").ValueKind);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_data.FullName));
    }

    [Fact]
    public async Task The_default_data_folder_is_the_one_of_run()
    {
        var old = await Registry.Pusher.PushIndexAsync("team/node", "22", [Amd64, Arm64]);
        WriteFleet();
        var environment = new Dictionary<string, string> { ["REFRESHBOT_DATA_DIR"] = _data.FullName };

        var first = await CliRun.ProcessAsync($"check '{Fleet.Root}' --format json --log-level Warning", environment: environment);
        await Registry.Pusher.PushIndexAsync("team/node", "22", [Amd64, Arm64]);
        var second = await CliRun.ProcessAsync($"check '{Fleet.Root}' --format json --log-level Warning", environment: environment);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(File.Exists(Path.Combine(_data.FullName, SqliteRefreshHistory.FileName)));
        Assert.Equal(old.Digest.ToString(), second.Image("app/Dockerfile", 1).GetProperty("previousDigest").GetString());
    }

    [Fact]
    public async Task A_history_that_cannot_be_opened_is_a_warning_not_a_failure()
    {
        await Registry.Pusher.PushIndexAsync("team/node", "22", [Amd64, Arm64]);
        WriteFleet();
        var blocker = Path.Combine(_data.FullName, "file");
        await File.WriteAllTextAsync(blocker, "not a folder");

        var run = await CheckAsync("--data-dir", Path.Combine(blocker, "data"));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("unpinned", run.Image("app/Dockerfile", 1).GetProperty("status").GetString());
        Assert.False(run.Image("app/Dockerfile", 1).GetProperty("drifted").GetBoolean());
    }

    [Fact]
    public async Task Data_dir_and_no_history_together_are_a_usage_error()
    {
        var run = await CliRun.InProcessAsync("check", Fleet.Root, "--data-dir", _data.FullName, "--no-history");

        Assert.Equal(2, run.ExitCode);
    }

    private void WriteFleet() => Fleet.Repository("app", ("Dockerfile", $"""
        FROM {Registry.Host}/team/node:22 AS build
        FROM {Registry.Host}/team/node:22

        """));

    private Task<CliRun> CheckAsync(params string[] arguments) =>
        CliRun.InProcessAsync(["check", Fleet.Root, .. arguments, "--format", "json", "--log-level", "Warning"]);
}

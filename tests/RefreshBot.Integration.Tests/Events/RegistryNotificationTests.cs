using RefreshBot.Adapters.History;
using RefreshBot.Application.Refresh.History;
using RefreshBot.Testing.Images;
using RefreshBot.Testing.Registry;

namespace RefreshBot.Integration.Tests.Events;

/// <summary>
/// POST /events/registry: a real CNCF distribution registry (Debian's docker-registry) sends its push notifications to the
/// endpoint; the repositories using the pushed image and tag — as the real SQLite history's image-usage index records
/// them — are requested, nothing else; a wrong shared secret gets 401.
/// </summary>
public sealed class RegistryNotificationTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly string _dataDir = Directory.CreateTempSubdirectory("refreshbot-events-").FullName;
    private SqliteRefreshHistory _history = null!;

    public async Task InitializeAsync() => _history = await SqliteRefreshHistory.OpenAsync(_dataDir, default);

    public async Task DisposeAsync()
    {
        await _history.DisposeAsync();
        Directory.Delete(_dataDir, recursive: true);
    }

    /// <summary>Records, as a repository's run does, that <paramref name="repository"/> uses <paramref name="images"/> (<c>name:tag</c>).</summary>
    private async Task UsesAsync(string repository, params string[] images) =>
        await _history.RecordImagesAsync(
            repository, images.Select(i => new ImageInUse(i[..i.LastIndexOf(':')], i[(i.LastIndexOf(':') + 1)..], Pinned: true)).ToList(),
            DateTimeOffset.UtcNow, default);

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var until = DateTime.UtcNow + Deadline;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < until, "timed out waiting until " + what);
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task A_real_push_requests_the_repositories_using_that_image_and_tag()
    {
        await using var server = await EventServer.StartAsync(
            EventFleets.Settings(), [EventFleets.GitHub("team/app"), EventFleets.GitHub("team/other"), EventFleets.GitHub("team/old")], usage: _history);
        await using var registry = await RegistryServer.StartAsync(notifications: new RegistryNotifications(
            new Uri(server.BaseUri, "events/registry"), "Authorization", "Bearer " + EventFleets.RegistrySecret));
        await UsesAsync("team/app", $"{registry.Host}/team/base:1", "docker.io/library/alpine:3.20");
        await UsesAsync("team/other", $"{registry.Host}/team/other:1");
        await UsesAsync("team/old", $"{registry.Host}/team/base:0");
        using var pusher = new ImagePusher(registry.BaseUri);

        await pusher.PushImageAsync("team/base", "1");
        await WaitUntilAsync(() => server.Trigger.Requests.Count > 0, "the push notification requested a refresh");

        var request = Assert.Single(server.Trigger.Requests);
        Assert.Equal(("team/app", $"registry push {registry.Host}/team/base:1"), request);
        // The blob pushes (and the registry's own HEAD checks) came as notifications too, and requested nothing.
        await WaitUntilAsync(() => server.Logs.Lines.Count(l => l.Contains("registry event from 127.0.0.1: ignored", StringComparison.Ordinal)) > 0,
            "an event without a tagged manifest push was ignored");
        Assert.Equal(["team/app"], server.Trigger.Pending);
    }

    [Fact]
    public async Task A_registry_with_the_wrong_secret_gets_401_and_requests_nothing()
    {
        await using var server = await EventServer.StartAsync(EventFleets.Settings(registryHeader: "X-Registry-Secret"), [EventFleets.GitHub("team/app")], usage: _history);
        await using var registry = await RegistryServer.StartAsync(notifications: new RegistryNotifications(
            new Uri(server.BaseUri, "events/registry"), "X-Registry-Secret", "not-the-secret"));
        await UsesAsync("team/app", $"{registry.Host}/team/base:1");
        using var pusher = new ImagePusher(registry.BaseUri);

        await pusher.PushImageAsync("team/base", "1");
        await WaitUntilAsync(() => server.Logs.AllText.Contains("with 401: wrong secret in the X-Registry-Secret header", StringComparison.Ordinal),
            "the registry's notification was refused");

        Assert.Empty(server.Trigger.Requests);
        Assert.DoesNotContain(EventFleets.RegistrySecret, server.Logs.AllText);
        Assert.DoesNotContain("not-the-secret", server.Logs.AllText);
    }

    [Fact]
    public async Task The_secret_in_a_custom_header_is_accepted_as_its_whole_value()
    {
        await using var server = await EventServer.StartAsync(EventFleets.Settings(registryHeader: "X-Registry-Secret"), [EventFleets.GitHub("team/app")], usage: _history);
        await using var registry = await RegistryServer.StartAsync(notifications: new RegistryNotifications(
            new Uri(server.BaseUri, "events/registry"), "X-Registry-Secret", EventFleets.RegistrySecret));
        await UsesAsync("team/app", $"{registry.Host}/team/base:2");
        using var pusher = new ImagePusher(registry.BaseUri);

        await pusher.PushIndexAsync("team/base", "2", [Domain.Platforms.Platform.LinuxAmd64, Domain.Platforms.Platform.Parse("linux/arm64")]);
        await WaitUntilAsync(() => server.Trigger.Requests.Count > 0, "the index push requested a refresh");

        Assert.Equal(["team/app"], server.Trigger.Pending);
    }
}

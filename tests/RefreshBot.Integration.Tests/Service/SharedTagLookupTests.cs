using System.Net;
using System.Text;
using RefreshBot.Testing.Workers;

namespace RefreshBot.Integration.Tests.Service;

/// <summary>
/// The service's per-repository jobs share tag answers (TagLookupMemo): a real <c>refreshbot run</c> worker, four
/// repositories on one image:tag whose cron fires at the same moment, the registry behind the counting proxy — one tag
/// HEAD between them; a registry push notification for that tag drops the answer, so the runs it requests see the new digest.
/// </summary>
public sealed class SharedTagLookupTests : IAsyncLifetime
{
    private const string RegistrySecret = "memo-registry-s3cret";
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(120);

    private readonly ServiceWorld _service = new();

    public async Task InitializeAsync()
    {
        await _service.InitializeAsync();
        await _service.AddRepositoriesAsync(3);
        await File.WriteAllTextAsync(Path.Combine(_service.World.Folder, "registry.txt"), RegistrySecret);
    }

    public Task DisposeAsync() => _service.DisposeAsync();

    [Fact]
    public async Task Jobs_firing_together_share_one_tag_HEAD_and_a_push_event_makes_the_next_jobs_see_the_new_digest()
    {
        var world = _service.World;
        _service.WriteConfig(ServiceWorld.Once(DateTimeOffset.UtcNow.AddSeconds(12)), extra: """
            events:
              debounce: 1s
              registry:
                secret: ${file:registry.txt}

            """);
        var worker = await _service.StartWorkerAsync();

        await _service.WaitUntilAsync(() => _service.Repositories.All(r => _service.Pulls(r).Count == 1), Generous, "a pull request in every repository");
        foreach (var repository in _service.Repositories)
        {
            await worker.WaitForOutputAsync($"{repository}: Succeeded; 1 created", Generous);
        }

        Assert.Equal(1, TagHeads());
        var first = Assert.Single(world.Pulls);
        Assert.Contains(world.Current.ToString(), await world.Repo.Git.ReadFileAsync(first.HeadRef, "Dockerfile"));

        var moved = await world.MoveTagAsync();
        Assert.Equal(HttpStatusCode.Accepted, await NotifyPushAsync(worker, world.Registry.Host, "team/base", "1"));

        foreach (var repository in _service.Repositories)
        {
            await worker.WaitForOutputAsync($"{repository}: Succeeded; 0 created, 1 updated", Generous);
        }

        Assert.Contains(moved.ToString(), await world.Repo.Git.ReadFileAsync(first.HeadRef, "Dockerfile"));
        Assert.Equal(2, TagHeads());    // one before the push, one after it, for four repositories each time
        Assert.Equal(0, await worker.StopAsync(Generous));
        Assert.All(_service.Repositories, r => Assert.Single(_service.Pulls(r)));
    }

    private int TagHeads() => _service.World.Registry.Proxy.Requests.Count(r =>
        r.Method == "HEAD" && r.PathAndQuery == "/v2/team/base/manifests/1" && !r.Injected);

    /// <summary>A CNCF distribution notification envelope with one tagged manifest push.</summary>
    private static async Task<HttpStatusCode> NotifyPushAsync(WorkerProcess worker, string host, string repository, string tag)
    {
        var body = $$$"""
            {"events":[{"action":"push","target":{"mediaType":"application/vnd.oci.image.manifest.v1+json","repository":"{{{repository}}}","tag":"{{{tag}}}"},"request":{"host":"{{{host}}}"}}]}
            """;
        using var request = new HttpRequestMessage(HttpMethod.Post, "events/registry") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + RegistrySecret);
        using var response = await worker.Http.SendAsync(request);
        return response.StatusCode;
    }
}

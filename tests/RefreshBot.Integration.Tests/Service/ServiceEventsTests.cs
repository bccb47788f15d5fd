using System.Net;
using System.Security.Cryptography;
using System.Text;
using RefreshBot.Integration.Tests.Metrics;
using RefreshBot.Testing.Images;
using RefreshBot.Testing.Registry;
using RefreshBot.Testing.Workers;

namespace RefreshBot.Integration.Tests.Service;

/// <summary>
/// Events through the real service: a <c>refreshbot run</c> worker process whose repositories' cron lies years ahead,
/// so only events make them run (<c>events.debounce: 1s</c>): the bearer-token trigger, a signed GitHub push webhook, a
/// real docker-registry push notification, debouncing — the refreshes checked in the fake GitHub, the history and /metrics.
/// </summary>
public sealed class ServiceEventsTests : IAsyncLifetime
{
    private const string Yearly = "0 0 3 1 1 ? 2099";
    private const string TriggerToken = "e2e-trigger-t0ken";
    private const string GitHubSecret = "e2e-github-s3cret";
    private const string RegistrySecret = "e2e-registry-s3cret";
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(120);

    private readonly ServiceWorld _service = new();

    public async Task InitializeAsync()
    {
        await _service.InitializeAsync();
        await _service.AddRepositoriesAsync(2);
        await File.WriteAllTextAsync(Path.Combine(_service.World.Folder, "trigger.txt"), TriggerToken);
        await File.WriteAllTextAsync(Path.Combine(_service.World.Folder, "github.txt"), GitHubSecret);
        await File.WriteAllTextAsync(Path.Combine(_service.World.Folder, "registry.txt"), RegistrySecret);
    }

    public Task DisposeAsync() => _service.DisposeAsync();

    private const string Events = """
        events:
          debounce: 1s
          trigger:
            token: ${file:trigger.txt}
          github:
            secret: ${file:github.txt}
          registry:
            secret: ${file:registry.txt}

        """;

    [Fact]
    public async Task A_trigger_refreshes_that_repository_only_and_metrics_count_it()
    {
        _service.WriteConfig(Yearly, extra: Events);
        var worker = await _service.StartWorkerAsync();
        var before = await ScrapeAsync(worker);

        var unauthorized = await PostAsync(worker, "trigger", """{"repository": "team/app"}""", ("Authorization", "Bearer not-the-token"));
        var accepted = await PostAsync(worker, "trigger", """{"repository": "team/svc-1"}""", ("Authorization", "Bearer " + TriggerToken));

        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized);
        Assert.Equal(HttpStatusCode.Accepted, accepted);
        await _service.WaitUntilAsync(() => _service.Pulls("team/svc-1").Count == 1, Generous, "a pull request in team/svc-1");
        await worker.WaitForOutputAsync("team/svc-1: Succeeded; 1 created", Generous);
        var after = await ScrapeAsync(worker);
        Assert.Equal(0, await worker.StopAsync(Generous));

        Assert.Empty(_service.Pulls("team/app"));
        Assert.Empty(_service.Pulls("team/svc-2"));
        Assert.Single(await _service.RunsAsync("team/svc-1"));
        Assert.Empty(await _service.RunsAsync("team/app"));
        Assert.Empty(await _service.RunsAsync("team/svc-2"));
        Assert.Equal(0, before.Value("refreshbot_cycles_total"));
        Assert.Equal(1, after.Value("refreshbot_cycles_total"));
        Assert.Equal("counter", after.Types["refreshbot_cycles_total"]);
        Assert.Equal(1, after.Value("refreshbot_pull_requests_total", ("action", "opened")));
        Assert.Equal("counter", after.Types["refreshbot_pull_requests_total"]);
        Assert.Equal(1, after.Value("refreshbot_events_total", ("source", "trigger"), ("result", "requested")));
        Assert.Equal(1, after.Value("refreshbot_events_total", ("source", "trigger"), ("result", "unauthorized")));
        Assert.Equal(1, after.Value("refreshbot_repository_refresh_duration_seconds_count", ("outcome", "succeeded")));
        Assert.DoesNotContain(TriggerToken, worker.Stderr + worker.Stdout);
    }

    [Fact]
    public async Task A_signed_GitHub_push_refreshes_that_repository_and_a_bad_signature_is_401_and_runs_nothing()
    {
        _service.WriteConfig(Yearly, extra: Events);
        var worker = await _service.StartWorkerAsync();
        var forApp = Push("team/app");
        var forSvc = Push("team/svc-2");

        var forged = await PostAsync(worker, "events/github", forApp, ("X-GitHub-Event", "push"), ("X-Hub-Signature-256", Sign(forApp, "not-the-secret")));
        var signed = await PostAsync(worker, "events/github", forSvc, ("X-GitHub-Event", "push"), ("X-Hub-Signature-256", Sign(forSvc, GitHubSecret)));

        Assert.Equal(HttpStatusCode.Unauthorized, forged);
        Assert.Equal(HttpStatusCode.Accepted, signed);
        await _service.WaitUntilAsync(() => _service.Pulls("team/svc-2").Count == 1, Generous, "a pull request in team/svc-2");
        await worker.WaitForOutputAsync("team/svc-2: Succeeded; 1 created", Generous);
        // well past the debounce: a request the forged delivery might have made would have run by now
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(0, await worker.StopAsync(Generous));

        Assert.Contains("Rejected github event from 127.0.0.1 with 401: X-Hub-Signature-256 does not match the body", worker.Stderr);
        Assert.Empty(_service.Pulls("team/app"));
        Assert.Empty(await _service.RunsAsync("team/app"));
        Assert.Empty(await _service.RunsAsync("team/svc-1"));
        Assert.Single(await _service.RunsAsync("team/svc-2"));
        Assert.DoesNotContain(GitHubSecret, worker.Stderr + worker.Stdout);
    }

    [Fact]
    public async Task A_registry_push_refreshes_the_repositories_that_use_the_image_and_updates_their_pull_request()
    {
        var port = FreePort.Next();
        _service.WriteConfig(Yearly, extra: Events, repositories: ["team/app", "team/ext"]);
        var worker = await _service.StartWorkerAsync(port: port);
        // a second real registry, whose notifications go to the worker; team/ext's Dockerfile pins an old digest of it
        await using var registry = await RegistryServer.StartAsync(notifications: new RegistryNotifications(
            new Uri($"http://127.0.0.1:{port}/events/registry"), "Authorization", "Bearer " + RegistrySecret));
        using var pusher = new ImagePusher(registry.BaseUri);
        var old = (await pusher.PushImageAsync("team/base", "1")).Digest;
        var current = (await pusher.PushImageAsync("team/base", "1")).Digest;
        var ext = await _service.World.GitHub.CreateRepositoryAsync("team", "ext", new Dictionary<string, string>
        {
            ["Dockerfile"] = $"FROM {registry.Host}/team/base:1@{old}\nRUN echo ext\n",
        });

        // The first runs (triggered) record which images each repository uses.
        Assert.Equal(HttpStatusCode.Accepted, await PostAsync(worker, "trigger", "", ("Authorization", "Bearer " + TriggerToken)));
        await worker.WaitForOutputAsync("team/ext: Succeeded; 1 created", Generous);
        await worker.WaitForOutputAsync("team/app: Succeeded; 1 created", Generous);
        var pull = Assert.Single(_service.World.GitHub.PullRequests("team", "ext"));
        Assert.Contains(current.ToString(), await ext.Git.ReadFileAsync(pull.HeadRef, "Dockerfile"));

        var moved = (await pusher.PushImageAsync("team/base", "1")).Digest;

        var deadline = DateTime.UtcNow + Generous;
        while (!(await ext.Git.ReadFileAsync(pull.HeadRef, "Dockerfile"))!.Contains(moved.ToString(), StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, "the pull request was not updated to the pushed digest:\n" + _service.Logs());
            await Task.Delay(200);
        }

        await worker.WaitForOutputAsync("team/ext: Succeeded; 0 created, 1 updated", Generous);
        Assert.Equal(pull.Number, Assert.Single(_service.World.GitHub.PullRequests("team", "ext")).Number);
        Assert.Contains($"registry push {registry.Host}/team/base:1", worker.Stderr);
        await Task.Delay(TimeSpan.FromSeconds(3));    // past the debounce: nothing else was requested
        var metrics = await ScrapeAsync(worker);
        Assert.Equal(0, await worker.StopAsync(Generous));

        Assert.Equal(2, (await _service.RunsAsync("team/ext")).Count);
        Assert.Single(await _service.RunsAsync("team/app"));    // it does not use that image
        Assert.Equal(3, metrics.Value("refreshbot_cycles_total"));
        Assert.Equal(2, metrics.Value("refreshbot_pull_requests_total", ("action", "opened")));
        Assert.Equal(1, metrics.Value("refreshbot_pull_requests_total", ("action", "updated")));
        Assert.True(metrics.Value("refreshbot_events_total", ("source", "registry"), ("result", "requested")) >= 1);
        Assert.DoesNotContain(RegistrySecret, worker.Stderr + worker.Stdout);
    }

    [Fact]
    public async Task Several_triggers_within_the_debounce_window_make_one_run()
    {
        _service.WriteConfig(Yearly, extra: Events);
        var worker = await _service.StartWorkerAsync();

        // five at once: the first schedules a run a second ahead, the others find it pending
        var answers = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ =>
            SendAsync(worker, "trigger", """{"repository": "team/app"}""", ("Authorization", "Bearer " + TriggerToken))));
        await worker.WaitForOutputAsync("team/app: Succeeded; 1 created", Generous);
        await Task.Delay(TimeSpan.FromSeconds(3));    // well past the debounce: a second pending run would have started
        var metrics = await ScrapeAsync(worker);
        Assert.Equal(0, await worker.StopAsync(Generous));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Accepted, a.Status));
        var summaries = answers.Select(a => System.Text.Json.JsonDocument.Parse(a.Body).RootElement).ToList();
        Assert.Equal(1, summaries.Sum(s => s.GetProperty("requested").GetInt32()));
        Assert.Equal(4, summaries.Sum(s => s.GetProperty("alreadyPending").GetInt32()));
        Assert.Single(await _service.RunsAsync("team/app"));
        Assert.Single(_service.Pulls("team/app"));
        Assert.Equal(1, metrics.Value("refreshbot_cycles_total"));
        Assert.Equal(5, metrics.Value("refreshbot_events_total", ("source", "trigger")));
        Assert.Equal(1, Count(worker.Stderr, "team/app: refresh starting"));
    }

    private static async Task<HttpStatusCode> PostAsync(WorkerProcess worker, string path, string body, params (string Name, string Value)[] headers) =>
        (await SendAsync(worker, path, body, headers)).Status;

    private static async Task<(HttpStatusCode Status, string Body)> SendAsync(WorkerProcess worker, string path, string body, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await worker.Http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task<PrometheusText> ScrapeAsync(WorkerProcess worker)
    {
        using var response = await worker.Http.GetAsync("metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return PrometheusText.Parse(await response.Content.ReadAsStringAsync());
    }

    /// <summary>A GitHub <c>push</c> delivery to the default branch of <paramref name="repository"/>.</summary>
    private static string Push(string repository) =>
        $$$"""{"ref":"refs/heads/main","before":"0000","after":"1111","repository":{"full_name":"{{{repository}}}","default_branch":"main"}}""";

    private static string Sign(string body, string secret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));

    private static int Count(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}

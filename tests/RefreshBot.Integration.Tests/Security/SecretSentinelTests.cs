using RefreshBot.Integration.Tests.Cli;
using RefreshBot.Testing.GitHub;
using RefreshBot.Testing.Git;
using RefreshBot.Testing.Postgres;
using RefreshBot.Testing.Registry;
using RefreshBot.Testing.Workers;
using Xunit.Abstractions;

namespace RefreshBot.Integration.Tests.Security;

/// <summary>
/// Issue 9 "Secrets": a fleet refreshed by <c>refreshbot run --once</c> (a process) and by the service (a worker process on
/// PostgreSQL, GitHub App auth) with sentinel values for every secret the config can hold; then every log line, PR and
/// issue body and comment, pushed commit, data folder file and GitHub request line is searched for each: zero hits.
/// </summary>
public sealed class SecretSentinelTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Token = "ghp_SENTINELgithubTOKEN0000000000000001";
    private const string RegistryUser = "puller";
    private const string RegistryPassword = "SENTINEL-registry-PASSWORD-0002";
    private const string WebhookSecret = "SENTINEL-webhook-SECRET-0003";
    private const string TriggerToken = "SENTINEL-trigger-TOKEN-0004";
    private const string DashboardToken = "SENTINEL-dashboard-TOKEN-0005";
    private const string SmtpPassword = "SENTINEL-smtp-PASSWORD-0006";
    private const string RegistryEventSecret = "SENTINEL-registry-event-SECRET-0007";
    private static readonly string[] Fleet = ["team/app", "team/svc-1", "team/svc-2"];

    private readonly string _folder = Directory.CreateTempSubdirectory("refreshbot-secrets-").FullName;
    private ProxiedRegistry _registry = null!;
    private GitHttpServer _git = null!;
    private Testing.GitHub.FakeGitHub _github = null!;

    private string DataDir => Path.Combine(_folder, "data");

    private Dictionary<string, string> Environment => new()
    {
        ["SENTINEL_REGISTRY_PASSWORD"] = RegistryPassword,
        ["SENTINEL_WEBHOOK_SECRET"] = WebhookSecret,
        ["SENTINEL_TRIGGER_TOKEN"] = TriggerToken,
        ["SENTINEL_DASHBOARD_TOKEN"] = DashboardToken,
        ["SENTINEL_SMTP_PASSWORD"] = SmtpPassword,
        ["SENTINEL_REGISTRY_EVENT_SECRET"] = RegistryEventSecret,
        ["REFRESHBOT_DATA_DIR"] = DataDir,
    };

    public async Task InitializeAsync()
    {
        _registry = await ProxiedRegistry.StartAsync(new RegistryAuth.Basic(RegistryUser, RegistryPassword), RegistryUser, RegistryPassword);
        _git = await GitHttpServer.StartAsync();
        _github = await Testing.GitHub.FakeGitHub.StartAsync(_git);
        _github.AddToken(Token, "refreshbot");
        var old = (await _registry.Pusher.PushImageAsync("team/base", "1")).Digest;
        await _registry.Pusher.PushImageAsync("team/base", "1");
        foreach (var repository in Fleet)
        {
            await _github.CreateRepositoryAsync("team", repository.Split('/')[1], new Dictionary<string, string>
            {
                ["Dockerfile"] = $"FROM {_registry.Host}/team/base:1@{old}\nRUN echo build\n",
                ["README.md"] = "# app\n",
            });
        }

        await File.WriteAllTextAsync(Path.Combine(_folder, "token.txt"), Token + "\n");
    }

    [Fact]
    public async Task Run_once_as_a_process_leaks_no_sentinel()
    {
        var config = WriteConfig("token: ${file:token.txt}", database: "");

        var run = await CliRun.ProcessAsync($"run --once --config '{config}'", environment: Environment);

        Assert.True(Fleet.All(r => _github.PullRequests("team", r.Split('/')[1]).Count == 1), run.ToString());
        var sweep = Sweep(new Dictionary<string, string>(Sentinels) { ["github token"] = Token });
        sweep.AddText("run --once stdout", run.Stdout);
        sweep.AddText("run --once stderr", run.Stderr);
        await AssertNoHitsAsync(sweep);
    }

    [Fact]
    public async Task The_service_with_an_app_key_and_postgres_leaks_no_sentinel()
    {
        await using var postgres = await PostgresServer.StartAsync();
        var connection = await postgres.CreateDatabaseAsync();
        using var app = _github.RegisterApp();
        var installation = _github.Install(app, [.. Fleet.Select(r => _github.Repository("team", r.Split('/')[1]))]);
        await File.WriteAllTextAsync(Path.Combine(_folder, "app.pem"), app.PrivateKeyPem);
        var config = WriteConfig($"app: {{id: {app.Id}, privateKey: '${{file:app.pem}}', installationId: {installation}}}",
            database: "\n  database:\n    postgres: ${env:SENTINEL_PG}");
        var environment = Environment;
        environment["SENTINEL_PG"] = connection;

        var worker = await WorkerProcess.StartAsync(new WorkerOptions(config) { Environment = environment, DataDir = DataDir });
        await using (worker)
        {
            var deadline = DateTime.UtcNow.AddMinutes(3);
            while (!Fleet.All(r => _github.PullRequests("team", r.Split('/')[1]).Count == 1))
            {
                Assert.True(DateTime.UtcNow < deadline && !worker.HasExited, "no PRs in time\n" + worker.Stderr);
                await Task.Delay(200);
            }

            // The authenticated endpoints, called wrongly and rightly, must not echo their secrets either.
            using var trigger = new HttpRequestMessage(HttpMethod.Post, "trigger") { Headers = { { "Authorization", "Bearer wrong-" + TriggerToken } } };
            var triggered = await worker.Http.SendAsync(trigger);
            Assert.Equal(401, (int)triggered.StatusCode);
            var dashboard = await worker.Http.SendAsync(new HttpRequestMessage(HttpMethod.Get, "dashboard") { Headers = { { "Authorization", "Bearer " + DashboardToken } } });
            var page = await dashboard.Content.ReadAsStringAsync();
            Assert.True(dashboard.IsSuccessStatusCode, page);
            await worker.StopAsync(TimeSpan.FromMinutes(1));

            var sentinels = new Dictionary<string, string>(Sentinels)
            {
                ["postgres password"] = postgres.Password,
                ["app private key (PEM body line)"] = PemLine(app.PrivateKeyPem),
            };
            foreach (var token in _github.InstallationTokens)
            {
                sentinels["installation token " + token.Token[..6]] = token.Token;
            }

            var sweep = Sweep(sentinels);
            sweep.AddText("worker stdout", worker.Stdout);
            sweep.AddText("worker stderr", worker.Stderr);
            sweep.AddText("dashboard page", page);
            sweep.AddText("trigger 401 body", await triggered.Content.ReadAsStringAsync());
            sweep.AddFolder(postgres.Directory);
            await AssertNoHitsAsync(sweep);
        }
    }

    private Dictionary<string, string> Sentinels => new()
    {
        ["registry password"] = RegistryPassword,
        ["webhook secret"] = WebhookSecret,
        ["trigger token"] = TriggerToken,
        ["dashboard token"] = DashboardToken,
        ["smtp password"] = SmtpPassword,
        ["registry event secret"] = RegistryEventSecret,
    };

    /// <summary>A line from the middle of the key's base64 body: unique to this key, and any dump of the key contains it.</summary>
    private static string PemLine(string pem)
    {
        var lines = pem.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => !l.StartsWith("-----", StringComparison.Ordinal)).ToList();
        return lines[lines.Count / 2];
    }

    private SentinelSweep Sweep(IReadOnlyDictionary<string, string> sentinels)
    {
        // The places that matter most are really there: the cached clones' git config (remote URLs, credentials).
        Assert.Equal(Fleet.Length, Directory.EnumerateFiles(Path.Combine(DataDir, "repos"), "config", SearchOption.AllDirectories).Count(f => Path.GetFileName(Path.GetDirectoryName(f)) == "git"));
        var sweep = new SentinelSweep(sentinels);
        sweep.AddFolder(DataDir);
        sweep.AddText("registry server output", _registry.Registry.Output);
        return sweep;
    }

    private async Task AssertNoHitsAsync(SentinelSweep sweep)
    {
        await sweep.AddGitHubAsync(_github, Fleet);
        var (table, hits) = sweep.Run();

        // Control: the same sweep over the folder holding the secret files finds them (so a zero above means something).
        var control = new SentinelSweep(new Dictionary<string, string> { ["github token"] = Token });
        control.AddFolder(_folder);
        Assert.NotEmpty(control.Run().Hits);
        output.WriteLine(table);
        Assert.True(hits.Count == 0, "sentinels leaked:\n" + string.Join("\n", hits) + "\n" + table);
    }

    private string WriteConfig(string auth, string database)
    {
        var yaml = $$"""
            github:
              apiUrl: {{_github.ApiUri}}
              {{auth}}
            git:
              author: {name: refreshbot, email: bot@refreshbot.test}
            registries:
              - host: {{_registry.Host}}
                username: {{RegistryUser}}
                password: ${env:SENTINEL_REGISTRY_PASSWORD}
            storage:
              dataDir: {{DataDir}}{{database}}
            service:
              jitter: 0
              cluster: {checkinInterval: 2s}
            events:
              registry: {secret: '${env:SENTINEL_REGISTRY_EVENT_SECRET}'}
              github: {secret: '${env:SENTINEL_WEBHOOK_SECRET}'}
              trigger: {token: '${env:SENTINEL_TRIGGER_TOKEN}'}
            dashboard:
              enabled: true
              auth:
                token: ${env:SENTINEL_DASHBOARD_TOKEN}
            digest:
              email:
                smtp:
                  host: 127.0.0.1
                  port: 2525
                  security: none
                  username: bot
                  password: ${env:SENTINEL_SMTP_PASSWORD}
                from: RefreshBot <bot@refreshbot.test>
                to: [ops@refreshbot.test]
            defaults:
              schedule: "{{Cron(DateTimeOffset.UtcNow.AddSeconds(8))}}"
              labels: [dependencies]
            repositories:
            {{string.Join("\n", Fleet.Select(r => "  - github: " + r))}}
            """;
        var path = Path.Combine(_folder, "refreshbot.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    private static string Cron(DateTimeOffset at) => Service.ServiceWorld.Once(at);

    public async Task DisposeAsync()
    {
        await _github.DisposeAsync();
        await _git.DisposeAsync();
        await _registry.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}

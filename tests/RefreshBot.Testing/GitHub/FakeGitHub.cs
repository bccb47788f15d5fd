using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using RefreshBot.Testing.Git;
using RefreshBot.Testing.GitHub.Json;
using RefreshBot.Testing.Holds;
using RefreshBot.Testing.OpenApi;

namespace RefreshBot.Testing.GitHub;

/// <summary>
/// A stateful fake of GitHub's REST API (the one fake the tests allow), in-process on 127.0.0.1 under
/// <c>/api/v3</c> as GitHub Enterprise serves it (what Octokit uses with a custom base URL). Repositories are
/// real bare repositories on a <see cref="GitHttpServer"/>; tokens it accepts work for git too. Every JSON body
/// it serves is checked against GitHub's OpenAPI description (<see cref="Violations"/>).
/// Requests are handled one at a time (state changes are serialized with the test's own changes).
/// </summary>
public sealed partial class FakeGitHub : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly GitHubCredentials _credentials;
    private readonly ConcurrentQueue<GitHubRequest> _requests = new();
    private readonly ConcurrentQueue<OpenApiViolation> _violations = new();
    private readonly Dictionary<string, FakeRepository> _repositories = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<FakePullRequest> _pulls = [];
    private readonly Dictionary<long, (FakeApp App, List<string> Repositories)> _installations = [];
    private readonly List<FakeApp> _apps = [];
    private long _nextId = 1;

    private FakeGitHub(WebApplication app, GitHttpServer git, FakeGitHubOptions options)
    {
        _app = app;
        Git = git;
        Options = options;
        _credentials = new GitHubCredentials(options.Time);
        Faults = new GitHubFaults(options.Time);
    }

    public FakeGitHubOptions Options { get; }

    /// <summary>The git server holding the repositories' bare clones.</summary>
    public GitHttpServer Git { get; }

    /// <summary>The address to give Octokit (<c>http://127.0.0.1:PORT/</c>); Octokit appends <c>api/v3/</c>.</summary>
    public Uri BaseUri { get; private set; } = null!;

    /// <summary>The API root, <c>http://127.0.0.1:PORT/api/v3/</c>.</summary>
    public Uri ApiUri => new(BaseUri, "api/v3/");

    public GitHubFaults Faults { get; }

    /// <summary>Requests to keep waiting until the test lets them go (caller = the login of the token), e.g. to kill the bot mid-cycle.</summary>
    public RequestHolds Holds { get; } = new();

    public IReadOnlyList<GitHubRequest> Requests => [.. _requests];

    /// <summary>Requests per operation (<c>METHOD /path/{template}</c>), unmatched ones under <c>METHOD ?</c>.</summary>
    public IReadOnlyDictionary<string, int> RequestCounts =>
        _requests.GroupBy(r => r.Operation ?? r.Method + " ?").ToDictionary(g => g.Key, g => g.Count());

    /// <summary>Bodies served that do not match GitHub's OpenAPI description. Tests should expect none.</summary>
    public IReadOnlyList<OpenApiViolation> Violations => [.. _violations];

    /// <summary>Installation tokens issued so far.</summary>
    public IReadOnlyList<FakeInstallationToken> InstallationTokens => _credentials.InstallationTokens;

    public static async Task<FakeGitHub> StartAsync(GitHttpServer git, FakeGitHubOptions? options = null, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var fake = new FakeGitHub(app, git, options ?? new FakeGitHubOptions());
        git.AddValidator((_, password) => fake._credentials.AcceptsGitPassword(password));
        fake.MapRoutes(app);
        await app.StartAsync(cancellationToken);
        fake.BaseUri = new Uri(app.Urls.First().TrimEnd('/') + "/");
        return fake;
    }

    /// <summary>Accepts <paramref name="token"/> as a personal access token of <paramref name="login"/> (API and git).</summary>
    public void AddToken(string token, string login = "refreshbot")
    {
        _credentials.AddPersonal(token, login);
        Git.AcceptToken(token);
    }

    /// <summary>Registers a GitHub App; authenticate as it with a JWT signed by <see cref="FakeApp.PrivateKeyPem"/>.</summary>
    public FakeApp RegisterApp(long appId = 4242, string slug = "refreshbot")
    {
        var app = new FakeApp(appId, slug);
        _credentials.AddApp(app);
        lock (_apps)
        {
            _apps.Add(app);
        }

        return app;
    }

    /// <summary>Installs <paramref name="app"/> on repositories; returns the installation id.</summary>
    public long Install(FakeApp app, params FakeRepository[] repositories)
    {
        return WithState(() =>
        {
            var id = 70_000 + _nextId++;
            _installations[id] = (app, repositories.Select(r => r.FullName).ToList());
            foreach (var repository in repositories)
            {
                repository.InstallationId = id;
            }

            return id;
        });
    }

    /// <summary>Creates a repository with a bare git repository holding <paramref name="files"/> on <paramref name="defaultBranch"/>.</summary>
    public async Task<FakeRepository> CreateRepositoryAsync(
        string owner, string name, IReadOnlyDictionary<string, string> files, string defaultBranch = "main", CancellationToken cancellationToken = default)
    {
        var git = await Git.CreateRepositoryAsync(owner, name, files, defaultBranch, cancellationToken);
        return WithState(() =>
        {
            var repository = new FakeRepository(100 + _nextId++, owner, name, git, Now) { DefaultBranch = defaultBranch };
            _repositories[repository.FullName] = repository;
            return repository;
        });
    }

    public FakeRepository Repository(string owner, string name) =>
        WithState(() => _repositories.TryGetValue(owner + "/" + name, out var r) ? r : throw new KeyNotFoundException($"no repository {owner}/{name}"));

    /// <summary>Pull requests of a repository, oldest first.</summary>
    public IReadOnlyList<FakePullRequest> PullRequests(string owner, string name) =>
        WithState(() => _pulls.Where(p => p.Repository.FullName.Equals(owner + "/" + name, StringComparison.OrdinalIgnoreCase)).ToArray());

    public FakePullRequest PullRequest(string owner, string name, int number) =>
        PullRequests(owner, name).SingleOrDefault(p => p.Number == number) ?? throw new KeyNotFoundException($"no pull request #{number}");

    public void ResetRequests() => _requests.Clear();

    public async ValueTask DisposeAsync()
    {
        Holds.ReleaseAll();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _gate.Dispose();
        foreach (var app in _apps)
        {
            app.Dispose();
        }
    }

    internal DateTimeOffset Now => Options.Time.GetUtcNow();

    private GitHubUrls Urls => new(BaseUri.ToString().TrimEnd('/') + "/api/v3", BaseUri.ToString().TrimEnd('/'));

    private T WithState<T>(Func<T> action)
    {
        _gate.Wait();
        try
        {
            return action();
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<T> WithStateAsync<T>(Func<Task<T>> action, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await action();
        }
        finally
        {
            _gate.Release();
        }
    }
}

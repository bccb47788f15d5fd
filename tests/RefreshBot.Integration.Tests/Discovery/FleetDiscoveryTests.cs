using RefreshBot.Application.Fleet;

namespace RefreshBot.Integration.Tests.Discovery;

public sealed class FleetDiscoveryTests : IAsyncLifetime
{
    private const string Trees = "GET /repos/{owner}/{repo}/git/trees/{tree_sha}";
    private readonly DiscoveryWorld _world = new();

    public Task InitializeAsync() => _world.InitializeAsync();

    public Task DisposeAsync() => _world.DisposeAsync();

    /// <summary>
    /// 305 repositories in org acme (4 pages of 80): svc-000…svc-299 by kind (i % 10): 0 archived, 1 fork, 2 no Dockerfile,
    /// 3 nested deploy/api/Dockerfile.prod, 4 a Dockerfile only under node_modules, 5 a truncated tree without one,
    /// 6–9 a root Dockerfile; plus tool-0…tool-4 (Dockerfiles, but outside include). Exclude acme/svc-2*.
    /// </summary>
    [Fact]
    public async Task Discovery_over_hundreds_of_repositories_keeps_exactly_the_expected_set_with_one_tree_request_per_candidate()
    {
        _world.GitHub.AddOrganization("acme");
        for (var i = 0; i < 300; i++)
        {
            IReadOnlyList<string> files = (i % 10) switch
            {
                2 => ["README.md", "src/main.go"],
                3 => ["README.md", "deploy/api/Dockerfile.prod"],
                4 => ["package.json", "node_modules/left-pad/Dockerfile"],
                5 => ["README.md"],
                _ => ["Dockerfile", "README.md"],
            };
            var seeded = _world.GitHub.SeedRepository("acme", $"svc-{i:000}", files, defaultBranch: i % 7 == 0 ? "trunk" : "main",
                archived: i % 10 == 0, fork: i % 10 == 1);
            seeded.TreeTruncated = i % 10 == 5;
        }

        for (var i = 0; i < 5; i++)
        {
            _world.GitHub.SeedRepository("acme", $"tool-{i}", ["Dockerfile"]);
        }

        var config = _world.Load("""
            defaults:
              labels: [dependencies]
            discover:
              - org: acme
                include: [acme/svc-*]
                exclude: [acme/svc-2*]
                labels: [discovered]
            repositories:
              - github: acme/svc-013
                labels: [explicit]
            """);

        var result = await _world.DiscoverAsync(config, pageSize: 80);

        var expected = Enumerable.Range(0, 200).Where(i => i % 10 is 3 or 5 or 6 or 7 or 8 or 9).Select(i => $"acme/svc-{i:000}").ToList();
        Assert.Equal(expected, result.Repositories.Select(r => r.Id).Order(StringComparer.Ordinal));
        Assert.Empty(result.Failures);

        // The explicit entry wins (its settings), once; the discovered ones carry the source's settings over the defaults.
        var svc013 = Assert.Single(result.Repositories, r => r.Id == "acme/svc-013");
        Assert.Equal(["explicit"], svc013.Labels);
        Assert.Same(config.Repositories[0], svc013);
        Assert.DoesNotContain(result.Discovered, r => r.Id == "acme/svc-013");
        var svc016 = Assert.Single(result.Discovered, r => r.Id == "acme/svc-016");
        Assert.Equal(["discovered"], svc016.Labels);
        Assert.Equal(new RepositoryLocation.GitHub("acme", "svc-016"), svc016.Location);
        Assert.Null(svc016.Branch);

        var counts = Assert.Single(result.Counts);
        Assert.Equal((305, 30, 30, 85, 1, 40, 119), (counts.Listed, counts.Archived, counts.Forks, counts.Filtered, counts.Configured, counts.WithoutDockerfiles, counts.Kept));

        // Requests: 4 list pages (305 at 80 a page), one tree per candidate (not archived/fork/filtered/configured), nothing else.
        Assert.Equal(4, _world.Count("GET /orgs/{org}/repos"));
        Assert.Equal(159, _world.Count(Trees));
        Assert.Equal(4 + 159, _world.GitHub.Requests.Count);
        Assert.Contains(_world.GitHub.Requests, r => r.Path == "/repos/acme/svc-014/git/trees/trunk");
    }

    [Fact]
    public async Task A_failing_source_is_reported_with_its_request_and_the_other_sources_and_configured_repositories_still_run()
    {
        _world.GitHub.AddOrganization("acme");
        _world.GitHub.AddUser("alice");
        _world.GitHub.SeedRepository("acme", "web", ["Dockerfile"]);
        _world.GitHub.SeedRepository("acme", "api", ["build/Containerfile"]);
        _world.GitHub.SeedRepository("alice", "dotfiles", ["Dockerfile"]);
        var flaky = _world.GitHub.SeedRepository("acme", "flaky", ["README.md"]);
        _world.GitHub.Faults.ServerError(count: 3, status: 503, method: "GET", pathContains: "/users/alice/repos");
        _world.GitHub.Faults.ServerError(count: 3, status: 502, method: "GET", pathContains: "/repos/acme/flaky/git/trees");
        var config = _world.Load("""
            discover:
              - org: ghost
              - user: alice
              - org: acme
            repositories:
              - github: acme/legacy
            """);

        var result = await _world.DiscoverAsync(config);

        Assert.Equal(["acme/legacy", "acme/api", "acme/flaky", "acme/web"], result.Repositories.Select(r => r.Id));
        Assert.False(result.Complete);
        Assert.Collection(result.Failures,
            ghost =>
            {
                Assert.Equal("org ghost", ghost.Source);
                Assert.Equal("GET /orgs/ghost/repos", ghost.Request);
                Assert.StartsWith("404", ghost.Problem, StringComparison.Ordinal);
                Assert.StartsWith("discover org ghost: GET /orgs/ghost/repos failed: 404 ", ghost.ToString(), StringComparison.Ordinal);
            },
            alice =>
            {
                Assert.Equal("GET /users/alice/repos", alice.Request);
                Assert.StartsWith("503", alice.Problem, StringComparison.Ordinal);
            },
            tree =>
            {
                // A repository whose files could not be listed is kept: the refresh decides.
                Assert.Equal(flaky.FullName, tree.Repository);
                Assert.Equal("GET /repos/acme/flaky/git/trees/main?recursive=1", tree.Request);
            });
        Assert.DoesNotContain(DiscoveryWorld.Token, string.Join("\n", result.Failures));
    }

    [Fact]
    public async Task An_installation_source_lists_what_the_app_installation_sees()
    {
        var app = _world.GitHub.RegisterApp();
        _world.GitHub.AddOrganization("acme");
        var seen = new[]
        {
            _world.GitHub.SeedRepository("acme", "web", ["Dockerfile"]),
            _world.GitHub.SeedRepository("acme", "docs", ["mkdocs.yml"]),
            _world.GitHub.SeedRepository("other", "tool", ["ci/Dockerfile"]),
        };
        _world.GitHub.SeedRepository("acme", "hidden", ["Dockerfile"]);
        var installation = _world.GitHub.Install(app, seen);
        await File.WriteAllTextAsync(Path.Combine(_world.Folder, "app.pem"), app.PrivateKeyPem);
        var config = _world.Load(
            """
            discover:
              - installation: true
            """,
            auth: $"  app: {{id: {app.Id}, privateKey: '${{file:app.pem}}', installationId: {installation}}}");

        var result = await _world.DiscoverAsync(config, pageSize: 2);

        Assert.Equal(["acme/web", "other/tool"], result.Repositories.Select(r => r.Id));
        Assert.Equal(2, _world.Count("GET /installation/repositories"));
        Assert.Equal(0, _world.Count("GET /repos/{owner}/{repo}/installation"));
    }
}

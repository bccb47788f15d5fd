using RefreshBot.Testing.Git;
using RefreshBot.Testing.GitHub;

namespace RefreshBot.Integration.Tests.Cluster;

/// <summary>One repository of a <see cref="Fleet"/>: its name, grouping and Dockerfiles (path → image index).</summary>
public sealed record FleetRepository(string Owner, string Name, string Grouping, IReadOnlyDictionary<string, int> Dockerfiles)
{
    public string Id => Owner + "/" + Name;
}

/// <summary>
/// A fleet of repositories on its own code host (git smart HTTP + fake GitHub), built the same way every time over
/// the same <see cref="FleetImages"/>: repository <c>i</c> has a Dockerfile pinning an old digest of one base image;
/// every third has a second Dockerfile (another image) and groups by Dockerfile (two pull requests). So the outcome of
/// a cycle is known and two fleets can be compared (<see cref="FleetSnapshot"/>). Workers authenticate with their
/// own tokens (<see cref="TokenFor"/>): the fake GitHub tells them apart by login.
/// </summary>
public sealed class Fleet : IAsyncDisposable
{
    public const string Owner = "fleet";

    private Fleet(FleetImages images, GitHttpServer git, Testing.GitHub.FakeGitHub gitHub, IReadOnlyList<FleetRepository> repositories)
    {
        Images = images;
        Git = git;
        GitHub = gitHub;
        Repositories = repositories;
    }

    public FleetImages Images { get; }

    public GitHttpServer Git { get; }

    public Testing.GitHub.FakeGitHub GitHub { get; }

    public IReadOnlyList<FleetRepository> Repositories { get; }

    /// <summary>The pull requests a cycle opens: one per repository, two for those grouped by Dockerfile.</summary>
    public int ExpectedPullRequests => Repositories.Sum(r => r.Grouping == "dockerfile" ? r.Dockerfiles.Count : 1);

    public static async Task<Fleet> CreateAsync(FleetImages images, int size)
    {
        var git = await GitHttpServer.StartAsync();
        var gitHub = await Testing.GitHub.FakeGitHub.StartAsync(git);
        var repositories = new List<FleetRepository>();
        for (var i = 0; i < size; i++)
        {
            var dockerfiles = new Dictionary<string, int> { ["Dockerfile"] = i % images.Count };
            if (i % 3 == 2)
            {
                dockerfiles["worker/Dockerfile"] = (i + 1) % images.Count;
            }

            var repository = new FleetRepository(Owner, $"app-{i:00}", i % 3 == 2 ? "dockerfile" : "repository", dockerfiles);
            var files = dockerfiles.ToDictionary(d => d.Key, d => Dockerfile(images, d.Value));
            files["README.md"] = $"# {repository.Name}\n";
            await gitHub.CreateRepositoryAsync(Owner, repository.Name, files);
            repositories.Add(repository);
        }

        return new Fleet(images, git, gitHub, repositories);
    }

    /// <summary>A Dockerfile pinning the old digest of image <paramref name="image"/> (what every repository starts with).</summary>
    public static string Dockerfile(FleetImages images, int image) =>
        $"FROM {images.Pinned(image, images.Digests[image].Old)}\nRUN echo build\n";

    /// <summary>The same Dockerfile once refreshed (what every bot branch must hold).</summary>
    public static string RefreshedDockerfile(FleetImages images, int image) =>
        $"FROM {images.Pinned(image, images.Digests[image].Current)}\nRUN echo build\n";

    /// <summary>Registers a token for <paramref name="worker"/> (its GitHub login) and returns it.</summary>
    public string TokenFor(string worker)
    {
        var token = "ghp_" + worker.Replace("-", "", StringComparison.Ordinal) + "SECRET" + new string('0', 20);
        GitHub.AddToken(token, worker);
        return token;
    }

    /// <summary>
    /// The fleet's config in <paramref name="folder"/>: the GitHub token from <c>$REFRESHBOT_TEST_GITHUB_TOKEN</c> (each
    /// worker its own), no <c>storage.dataDir</c> (each worker's <c>$REFRESHBOT_DATA_DIR</c>) unless
    /// <paramref name="storage"/> gives the storage section's lines; <paramref name="extra"/> is appended at the top level
    /// (e.g. a <c>service:</c> section); <paramref name="schedule"/> is the defaults' cron.
    /// </summary>
    public string WriteConfig(string folder, string? storage = null, string? schedule = null, string? extra = null)
    {
        var yaml = $"""
            github:
              apiUrl: {GitHub.ApiUri}
              token: ${"{"}env:{TokenVariable}{"}"}
            git:
              author: {"{"}name: refreshbot, email: bot@refreshbot.test{"}"}
            {(storage is null ? "" : "storage:\n" + Indent(storage))}
            defaults:
              labels: [dependencies, docker]
              reviewers: [octocat]
              assignees: [hubot]{(schedule is null ? "" : $"\n  schedule: \"{schedule}\"")}
            repositories:
            {string.Join("\n", Repositories.Select(r => $"  - github: {r.Id}\n    grouping: {r.Grouping}"))}
            {extra ?? ""}
            """;
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "refreshbot.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    public const string TokenVariable = "REFRESHBOT_TEST_GITHUB_TOKEN";

    public async ValueTask DisposeAsync()
    {
        var violations = GitHub.Violations;
        await GitHub.DisposeAsync();
        await Git.DisposeAsync();
        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    private static string Indent(string lines) =>
        string.Join("\n", lines.Split('\n').Select(l => "  " + l));
}

using RefreshBot.Adapters.FileSystem;

namespace RefreshBot.Integration.Tests.Check;

public sealed class DockerfileFinderTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("refreshbot-finder-").FullName;
    private readonly string _outside = Directory.CreateTempSubdirectory("refreshbot-outside-").FullName;

    public void Dispose()
    {
        Directory.Delete(_root, recursive: true);
        Directory.Delete(_outside, recursive: true);
    }

    [Theory]
    [InlineData("Dockerfile", true)]
    [InlineData("dockerfile", true)]
    [InlineData("Containerfile", true)]
    [InlineData("containerfile", true)]
    [InlineData("Dockerfile.prod", true)]
    [InlineData("api.Dockerfile", true)]
    [InlineData("api.dockerfile", true)]
    [InlineData("Containerfile.dev", true)]
    [InlineData("web.Containerfile", true)]
    [InlineData("DOCKERFILE", false)]
    [InlineData("Dockerfile.dockerignore", false)]
    [InlineData("api.Dockerfile.dockerignore", false)]
    [InlineData("Dockerfiles", false)]
    [InlineData("MyDockerfile", false)]
    [InlineData("Dockerfile.", false)]
    [InlineData(".Dockerfile", false)]
    [InlineData("docker-compose.yml", false)]
    public void Names(string name, bool isDockerfile) =>
        Assert.Equal(isDockerfile, DockerfileNames.IsDockerfile(name));

    [Fact]
    public async Task Finds_dockerfiles_in_a_deterministic_order_skipping_git_node_modules_and_ignored_folders()
    {
        Touch("Dockerfile");
        Touch("b/api.Dockerfile");
        Touch("a/Containerfile");
        Touch("a/Dockerfile.prod");
        Touch("a/notes.txt");
        Touch(".git/Dockerfile");
        Touch("web/node_modules/pkg/Dockerfile");
        Touch("build/Dockerfile");
        Touch("vendor/keep/Dockerfile");
        Touch("vendor/drop/Dockerfile");
        Touch("logs/Dockerfile.tmp");
        Touch("c/generated.Dockerfile");
        Touch("c/real.Dockerfile");
        Write(".gitignore", "# build output\nbuild/\n/vendor/*\n!/vendor/keep/\n*.tmp\n");
        Write("c/.gitignore", "generated.*\n");

        var found = await new DockerfileFinder().FindAsync(_root, CancellationToken.None);

        Assert.Equal(
            ["Dockerfile", "a/Containerfile", "a/Dockerfile.prod", "b/api.Dockerfile", "c/real.Dockerfile", "vendor/keep/Dockerfile"],
            found);
    }

    [Fact]
    public async Task Never_follows_symbolic_links_out_of_the_root()
    {
        File.WriteAllText(Path.Combine(_outside, "Dockerfile"), "FROM alpine\n");
        Directory.CreateDirectory(Path.Combine(_outside, "more"));
        File.WriteAllText(Path.Combine(_outside, "more", "Dockerfile"), "FROM alpine\n");
        Touch("inside/Dockerfile");
        File.CreateSymbolicLink(Path.Combine(_root, "linked.Dockerfile"), Path.Combine(_outside, "Dockerfile"));
        Directory.CreateSymbolicLink(Path.Combine(_root, "linked-folder"), Path.Combine(_outside, "more"));
        File.CreateSymbolicLink(Path.Combine(_root, "inside", "Dockerfile.alias"), Path.Combine(_root, "inside", "Dockerfile"));
        Directory.CreateSymbolicLink(Path.Combine(_root, "loop"), _root);

        var found = await new DockerfileFinder().FindAsync(_root, CancellationToken.None);

        Assert.Equal(["inside/Dockerfile", "inside/Dockerfile.alias"], found);
    }

    [Fact]
    public async Task Reads_a_found_file()
    {
        Write("x/Dockerfile", "FROM alpine:3.20\n");

        var text = await new DockerfileFinder().ReadAsync(_root, "x/Dockerfile", CancellationToken.None);

        Assert.Equal("FROM alpine:3.20\n", text);
    }

    [Fact]
    public async Task With_a_selector_any_file_name_is_a_candidate_and_skipped_folders_stay_skipped()
    {
        Touch("docker/app.build");
        Touch("docker/Dockerfile");
        Touch(".git/app.build");
        Touch("node_modules/x/app.build");

        var found = await new DockerfileFinder().FindMatchingAsync(_root, path => path.EndsWith(".build", StringComparison.Ordinal), CancellationToken.None);

        Assert.Equal(["docker/app.build"], found);
    }

    [Fact]
    public async Task Refuses_a_file_over_the_size_limit_without_loading_it()
    {
        Write("huge/Dockerfile", "FROM alpine:3.20\n" + new string('#', (int)DockerfileFinder.MaxDockerfileBytes));

        var error = await Assert.ThrowsAsync<IOException>(() => new DockerfileFinder().ReadAsync(_root, "huge/Dockerfile", CancellationToken.None));

        Assert.Contains("byte limit", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("build/", "build", true, true)]
    [InlineData("build/", "build", false, null)]
    [InlineData("build", "src/build", false, true)]
    [InlineData("/build", "src/build", true, null)]
    [InlineData("src/*.tmp", "src/a.tmp", false, true)]
    [InlineData("src/*.tmp", "src/x/a.tmp", false, null)]
    [InlineData("**/out", "a/b/out", true, true)]
    [InlineData("a/**/out", "a/out", true, true)]
    [InlineData("a/**/out", "a/b/c/out", true, true)]
    [InlineData("a/**", "a/b", false, true)]
    [InlineData("Dockerfile.[ab]", "x/Dockerfile.a", false, true)]
    [InlineData("Dockerfile.[!ab]", "x/Dockerfile.a", false, null)]
    [InlineData("Docker?ile", "Dockerfile", false, true)]
    [InlineData("*\n!keep", "keep", false, false)]
    [InlineData("\\#hash", "#hash", false, true)]
    [InlineData("trailing   ", "trailing", false, true)]
    public void Gitignore_patterns(string patterns, string path, bool isDirectory, bool? ignored) =>
        Assert.Equal(ignored, GitIgnoreRules.Parse("", patterns).Match(path, isDirectory));

    [Fact]
    public void Gitignore_in_a_subfolder_applies_only_below_it()
    {
        var rules = GitIgnoreRules.Parse("sub", "/out\n");

        Assert.True(rules.Match("sub/out", isDirectory: true));
        Assert.Null(rules.Match("out", isDirectory: true));
        Assert.Null(rules.Match("sub/deeper/out", isDirectory: true));
    }

    private void Touch(string relative) => Write(relative, "FROM alpine\n");

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}

using RefreshBot.Application.Fleet;
using RefreshBot.Domain.Platforms;
using RefreshBot.Host.Config;

namespace RefreshBot.Integration.Tests.Config;

/// <summary>The sample configs in <c>config/</c> load: the main one with no environment at all, the GitHub fleet with its variables set.</summary>
public sealed class SampleConfigTests
{
    internal static readonly string Root = Testing.Source.SourceTree.Root;

    [Fact]
    public void The_main_sample_tracks_RefreshBot_itself_in_local_mode_with_no_environment()
    {
        var sample = Path.Combine(Root, "config", "refreshbot.yaml");
        var loader = new ConfigLoader(new SecretSubstitution(_ => null, Path.GetDirectoryName(sample)!), "/var/tmp/refreshbot-sample-data");

        var config = loader.Load(sample, File.ReadAllText(sample));

        Assert.Null(config.GitHub);
        Assert.Empty(config.Registries);
        Assert.Equal(GitAuthor.Default, config.Git.Author);
        Assert.Equal("/var/tmp/refreshbot-sample-data/proposals", config.Storage.ProposalsDir);
        var itself = Assert.Single(config.Repositories);
        Assert.Equal(Root, itself.Id);
        Assert.Equal(new RepositoryLocation.Local(Root), itself.Location);
        Assert.Equal(["Dockerfile"], itself.DockerfileGlobs);
        Assert.True(File.Exists(Path.Combine(Root, "Dockerfile")));
        Assert.Equal(UpdateGrouping.Repository, itself.Grouping);
        Assert.Equal(UnpinnedPolicy.Pin, itself.Policy.Unpinned);
        Assert.Equal([Platform.LinuxAmd64], itself.Platforms);
        Assert.Equal([Platform.LinuxAmd64], config.Defaults.Platforms);
    }

    [Fact]
    public void The_fleet_example_loads_with_its_variables_set()
    {
        var sample = Path.Combine(Root, "config", "fleet.example.yaml");
        var environment = new Dictionary<string, string> { ["GITHUB_TOKEN"] = "ghp-example", ["GHCR_TOKEN"] = "ghcr-example" };
        var loader = new ConfigLoader(new SecretSubstitution(name => environment.GetValueOrDefault(name), Path.GetDirectoryName(sample)!));

        var config = loader.Load(sample, File.ReadAllText(sample));

        Assert.Equal("https://api.github.com/", config.GitHub!.ApiUrl.AbsoluteUri);
        Assert.Equal("ghp-example", Assert.IsType<GitHubAuth.Token>(config.GitHub.Auth).Value.Reveal());
        Assert.Equal("/var/lib/refreshbot", config.Storage.DataDir);
        Assert.Equal(["mirror.gcr.io"], config.FindRegistry("docker.io")!.Mirrors);
        Assert.Equal(["octo-org/web-app", "octo-org/payments", "octo-org/legacy-batch"], config.Repositories.Select(r => r.Id));
        var (web, payments, legacy) = (config.Repositories[0], config.Repositories[1], config.Repositories[2]);
        Assert.Equal([Platform.LinuxAmd64, new Platform("linux", "arm64")], web.Platforms);
        Assert.Equal(("0 0 6 ? * MON-FRI", "Europe/Berlin"), (web.Schedule, web.ScheduleTimeZone));
        Assert.Equal(["dependencies"], payments.Labels);
        Assert.Equal("20", payments.BuildArgs["NODE_VERSION"]);
        Assert.Equal(UpdateGrouping.Image, payments.Grouping);
        Assert.Equal(UnpinnedPolicy.Report, legacy.Policy.Unpinned);
        Assert.Equal(["ghcr.io/octo-org/internal-*"], legacy.Policy.IgnoreImages);
        Assert.Equal(("0 0 3 ? * SUN", (string?)null), (legacy.Schedule, legacy.ScheduleTimeZone));
    }

    [Fact]
    public void The_fleet_example_names_its_missing_variable()
    {
        var sample = Path.Combine(Root, "config", "fleet.example.yaml");
        var loader = new ConfigLoader(new SecretSubstitution(_ => null, Path.GetDirectoryName(sample)!));

        var error = Assert.Throws<ConfigException>(() => loader.Load(sample, File.ReadAllText(sample)));

        Assert.Contains("environment variable 'GITHUB_TOKEN' is not set", error.Problem);
        Assert.StartsWith(sample + ":8:10: github.token", error.Message);
    }
}

using RefreshBot.Application.Fleet;
using RefreshBot.Domain.Platforms;
using RefreshBot.Host.Config;

namespace RefreshBot.Integration.Tests.Config;

/// <summary>Every key of the fleet config parsed, and repository settings merged over the defaults.</summary>
public sealed class FleetConfigTests : IDisposable
{
    private readonly ConfigFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Every_key_is_read_and_repositories_merge_over_the_defaults()
    {
        var config = _folder.Load("""
            github:
              apiUrl: https://ghe.example/api/v3
              app:
                id: ${env:APP_ID}
                privateKey: ${file:app.pem}
                installationId: 42
            git:
              author:
                name: Fleet Bot
                email: fleet-bot@example.com
            storage:
              dataDir: state
              proposalsDir: ../proposals
            registries:
              - host: ghcr.io
                username: bot
                password: ${env:REG_PASSWORD}
                mirrors: [mirror.example:5000, ghcr-mirror.example]
            defaults:
              branch: main
              dockerfiles: ["**/Dockerfile", "docker/*.Dockerfile"]
              buildArgs: {A: "1", B: "2"}
              platforms: [linux/amd64, linux/arm64/v8]
              grouping: dockerfile
              labels: [dependencies, docker]
              reviewers: [octocat, octo-org/platform]
              assignees: [hubot]
              schedule: {cron: "0 0 6 ? * MON-FRI", timeZone: Europe/Berlin}
              policies:
                unpinned: report
                ignore: [node, "ghcr.io/acme/*"]
                proposeAfterClosed: false
            repositories:
              - github: octo-org/web-app
              - github: octo-org/payments
                branch: release/2.x
                dockerfiles: []
                buildArgs: {B: "20", C: "30"}
                platforms: [linux/arm/v7]
                grouping: image
                labels: [deps]
                reviewers: []
                assignees: [octocat]
                schedule: "0 30 2 ? * SUN"
                policies:
                  unpinned: pin
              - path: svc/
              - url: https://Git.Example.com/team/service.git/
              - url: ssh://git@git.example.com/team/other.git
              - url: file:///srv/git/thing.git
            """);

        var github = config.GitHub!;
        Assert.Equal("https://ghe.example/api/v3/", github.ApiUrl.AbsoluteUri);
        Assert.Equal("https://ghe.example/", github.WebUrl.AbsoluteUri);
        Assert.Equal("https://ghe.example/", github.GitUrl.AbsoluteUri);
        Assert.Equal("https://ghe.example/octo-org/web-app.git", github.CloneUrl("octo-org", "web-app").AbsoluteUri);
        var app = Assert.IsType<GitHubAuth.App>(github.Auth);
        Assert.Equal((123456L, 42L), (app.AppId, app.InstallationId!.Value));
        Assert.Equal(ConfigFolder.PrivateKeyPem.TrimEnd('\n'), app.PrivateKey.Reveal());
        Assert.Equal(new GitAuthor("Fleet Bot", "fleet-bot@example.com"), config.Git.Author);
        Assert.Equal(Path.Combine(_folder.Root, "state"), config.Storage.DataDir);
        Assert.Equal(Path.GetFullPath(Path.Combine(_folder.Root, "..", "proposals")), config.Storage.ProposalsDir);
        Assert.Equal(["mirror.example:5000", "ghcr-mirror.example"], config.FindRegistry("ghcr.io")!.Mirrors);
        Assert.Equal("s3cret-registry-password", config.FindRegistry("ghcr.io")!.Password!.Reveal());

        Assert.Equal(6, config.Repositories.Count);
        var inherits = config.Repositories[0];
        Assert.Equal("octo-org/web-app", inherits.Id);
        Assert.Equal(new RepositoryLocation.GitHub("octo-org", "web-app"), inherits.Location);
        Assert.Equal("main", inherits.Branch);
        Assert.Equal(["**/Dockerfile", "docker/*.Dockerfile"], inherits.DockerfileGlobs);
        Assert.Equal(new Dictionary<string, string> { ["A"] = "1", ["B"] = "2" }, inherits.BuildArgs);
        Assert.Equal([Platform.LinuxAmd64, new Platform("linux", "arm64")], inherits.Platforms);
        Assert.Equal(UpdateGrouping.Dockerfile, inherits.Grouping);
        Assert.Equal(["dependencies", "docker"], inherits.Labels);
        Assert.Equal(["octocat", "octo-org/platform"], inherits.Reviewers);
        Assert.Equal(["hubot"], inherits.Assignees);
        Assert.Equal(("0 0 6 ? * MON-FRI", "Europe/Berlin"), (inherits.Schedule, inherits.ScheduleTimeZone));
        Assert.Equal(UnpinnedPolicy.Report, inherits.Policy.Unpinned);
        Assert.Equal(["node", "ghcr.io/acme/*"], inherits.Policy.IgnoreImages);
        Assert.False(inherits.Policy.ProposeAfterClosed);

        var overrides = config.Repositories[1];
        Assert.Equal("release/2.x", overrides.Branch);
        Assert.Empty(overrides.DockerfileGlobs);                                   // lists replace, even with []
        Assert.Equal(new Dictionary<string, string> { ["A"] = "1", ["B"] = "20", ["C"] = "30" }, overrides.BuildArgs); // maps merge
        Assert.Equal([new Platform("linux", "arm", "v7")], overrides.Platforms);
        Assert.Equal(UpdateGrouping.Image, overrides.Grouping);
        Assert.Equal(["deps"], overrides.Labels);
        Assert.Empty(overrides.Reviewers);
        Assert.Equal(["octocat"], overrides.Assignees);
        Assert.Equal(("0 30 2 ? * SUN", (string?)null), (overrides.Schedule, overrides.ScheduleTimeZone)); // schedule replaced whole
        Assert.Equal(UnpinnedPolicy.Pin, overrides.Policy.Unpinned);               // policies merge key by key
        Assert.Equal(["node", "ghcr.io/acme/*"], overrides.Policy.IgnoreImages);
        Assert.False(overrides.Policy.ProposeAfterClosed);

        var local = config.Repositories[2];
        Assert.Equal(Path.Combine(_folder.Root, "svc"), local.Id);
        Assert.Equal(new RepositoryLocation.Local(Path.Combine(_folder.Root, "svc")), local.Location);
        Assert.Equal(
            ["https://git.example.com/team/service.git", "ssh://git@git.example.com/team/other.git", "file:///srv/git/thing.git"],
            config.Repositories.Skip(3).Select(r => r.Id));
        Assert.Equal(new Uri("ssh://git@git.example.com/team/other.git"), Assert.IsType<RepositoryLocation.GitUrl>(config.Repositories[4].Location).Url);
    }

    [Fact]
    public void Built_in_defaults_apply_when_the_file_says_nothing()
    {
        var config = _folder.Load("repositories:\n  - path: svc\n");

        Assert.Null(config.GitHub);
        Assert.Equal(GitAuthor.Default, config.Git.Author);
        Assert.Equal(new GitAuthor("refreshbot", "refreshbot@users.noreply.github.com"), config.Git.Author);
        Assert.Equal(Path.Combine(_folder.Root, "data"), config.Storage.DataDir);
        Assert.Equal(Path.Combine(_folder.Root, "data", "proposals"), config.Storage.ProposalsDir);
        var repository = Assert.Single(config.Repositories);
        Assert.Null(repository.Branch);
        Assert.Empty(repository.DockerfileGlobs);
        Assert.Empty(repository.BuildArgs);
        Assert.Equal([Platform.LinuxAmd64], repository.Platforms);
        Assert.Equal(UpdateGrouping.Repository, repository.Grouping);
        Assert.Empty(repository.Labels);
        Assert.Null(repository.Schedule);
        Assert.Null(repository.ScheduleTimeZone);
        Assert.Equal(RefreshPolicy.Default.Unpinned, repository.Policy.Unpinned);
        Assert.True(repository.Policy.ProposeAfterClosed);
    }

    [Fact]
    public void A_section_left_empty_is_an_empty_section()
    {
        var config = _folder.Load("git:\ndefaults:\n  # branch: main\nregistries:\nrepositories:\n");

        Assert.Equal(GitAuthor.Default, config.Git.Author);
        Assert.Equal(RepositorySettings.BuiltIn, config.Defaults);
        Assert.Empty(config.Registries);
        Assert.Empty(config.Repositories);
        var github = Assert.Throws<ConfigException>(() => _folder.Load("github:\n"));
        Assert.Equal("refreshbot.yaml:1:8: github: expected 'token: ${env:GITHUB_TOKEN}' or 'app: {id, privateKey, installationId}'", github.Message);
    }

    [Fact]
    public void The_older_singular_platform_is_a_one_element_platforms_list()
    {
        var config = _folder.Load("defaults:\n  platform: linux/arm64\nrepositories:\n  - path: svc\n    platform: linux/arm/v6\n");

        Assert.Equal([new Platform("linux", "arm64")], config.Defaults.Platforms);
        Assert.Equal([new Platform("linux", "arm", "v6")], config.Repositories[0].Platforms);
    }

    [Theory]
    [InlineData("https://api.github.com", "https://api.github.com/", "https://github.com/")]
    [InlineData("https://ghe.example/api/v3/", "https://ghe.example/api/v3/", "https://ghe.example/")]
    [InlineData("https://api.acme.ghe.com", "https://api.acme.ghe.com/", "https://acme.ghe.com/")]
    [InlineData("http://127.0.0.1:5123/api/v3", "http://127.0.0.1:5123/api/v3/", "http://127.0.0.1:5123/")]
    [InlineData("http://localhost:5123", "http://localhost:5123/", "http://localhost:5123/")]
    public void Web_and_clone_roots_are_derived_from_the_API_URL(string apiUrl, string expectedApi, string expectedWeb)
    {
        var github = _folder.Load($"github:\n  apiUrl: {apiUrl}\n  token: ${{env:GITHUB_TOKEN}}\n").GitHub!;

        Assert.Equal(expectedApi, github.ApiUrl.AbsoluteUri);
        Assert.Equal(expectedWeb, github.WebUrl.AbsoluteUri);
        Assert.Equal(expectedWeb, github.GitUrl.AbsoluteUri);
        Assert.Equal("ghp-s3cret-token", Assert.IsType<GitHubAuth.Token>(github.Auth).Value.Reveal());
    }

    [Fact]
    public void The_public_API_is_the_default_and_git_and_web_roots_may_be_set()
    {
        var github = _folder.Load("""
            github:
              token: ${env:GITHUB_TOKEN}
              webUrl: https://web.example
              gitUrl: https://git.example/mirror/
            """).GitHub!;

        Assert.Equal("https://api.github.com/", github.ApiUrl.AbsoluteUri);
        Assert.Equal("https://web.example/", github.WebUrl.AbsoluteUri);
        Assert.Equal("https://git.example/mirror/acme/app.git", github.CloneUrl("acme", "app").AbsoluteUri);
    }

    [Fact]
    public void An_app_without_installation_id_looks_it_up_per_repository()
    {
        var auth = _folder.Load("github:\n  app:\n    id: 7\n    privateKey: ${file:app.pem}\n").GitHub!.Auth;

        var app = Assert.IsType<GitHubAuth.App>(auth);
        Assert.Equal(7, app.AppId);
        Assert.Null(app.InstallationId);
    }

    [Fact]
    public void Secrets_never_appear_in_the_config_as_text()
    {
        var config = _folder.Load("""
            github:
              app:
                id: 1
                privateKey: ${file:app.pem}
            registries:
              - host: ghcr.io
                username: bot
                password: ${env:REG_PASSWORD}
            """);
        var withToken = _folder.Load("github:\n  token: ${env:GITHUB_TOKEN}\n");

        Assert.DoesNotContain("s3cret", config.ToString());
        Assert.DoesNotContain("s3cret", config.GitHub!.ToString());
        Assert.DoesNotContain("s3cret", config.GitHub.Auth.ToString());
        Assert.DoesNotContain("s3cret", config.Registries[0].ToString());
        Assert.DoesNotContain("s3cret", withToken.ToString());
        Assert.DoesNotContain("s3cret", withToken.GitHub!.Auth.ToString());
        Assert.Contains("***", withToken.GitHub.Auth.ToString());
    }

    [Theory]
    [InlineData("REFRESHBOT_DATA_DIR", "/srv/refreshbot", "/srv/refreshbot")]
    [InlineData("XDG_DATA_HOME", "/home/u/.data", "/home/u/.data/refreshbot")]
    [InlineData("XDG_DATA_HOME", "relative/ignored", "/home/u/.local/share/refreshbot")]
    [InlineData("OTHER", "x", "/home/u/.local/share/refreshbot")]
    public void The_default_data_folder_follows_the_environment(string variable, string value, string expected)
    {
        Assert.Equal(expected, DataFolder.Default(name => name == variable ? value : null, "/home/u"));
    }

    [Fact]
    public void Without_storage_the_data_folder_comes_from_the_environment_and_a_relative_one_from_the_config_folder()
    {
        var fromEnvironment = new ConfigLoader(new SecretSubstitution(name => name == "REFRESHBOT_DATA_DIR" ? "/srv/refreshbot" : null, _folder.Root))
            .Load("refreshbot.yaml", "");
        var relative = _folder.Load("storage:\n  dataDir: ./var/\n");
        var home = _folder.Load("storage:\n  dataDir: ~/rb-data\n  proposalsDir: /srv/proposals\n");

        Assert.Equal(("/srv/refreshbot", "/srv/refreshbot/proposals"), (fromEnvironment.Storage.DataDir, fromEnvironment.Storage.ProposalsDir));
        Assert.Equal(Path.Combine(_folder.Root, "var"), relative.Storage.DataDir);
        Assert.Equal(Path.Combine(_folder.Root, "var", "proposals"), relative.Storage.ProposalsDir);
        Assert.Equal(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), "rb-data"), home.Storage.DataDir);
        Assert.Equal("/srv/proposals", home.Storage.ProposalsDir);
    }
}

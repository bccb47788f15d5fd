using RefreshBot.Application.Fleet;
using RefreshBot.Application.Fleet.Discovery;
using RefreshBot.Host.Config;
using RefreshBot.Integration.Tests.Config;

namespace RefreshBot.Integration.Tests.Discovery;

public sealed class DiscoverConfigTests : IDisposable
{
    private const string GitHubToken = "github:\n  token: ${env:GITHUB_TOKEN}\n";
    private readonly ConfigFolder _folder = new();

    public DiscoverConfigTests() => _folder.Environment["GITHUB_TOKEN"] = "ghp_configTESTtoken";

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Sources_are_read_with_their_filters_and_settings_over_the_defaults()
    {
        var config = _folder.Load(GitHubToken + """
            defaults:
              labels: [deps]
              grouping: image
            discover:
              - org: octo-org
                include: [octo-org/web-*]
                exclude: [octo-org/web-legacy]
                archived: true
                labels: [found]
              - user: octocat
                forks: true
            """);

        Assert.Collection(config.Discover,
            org =>
            {
                Assert.Equal(new DiscoveryScope.Organization("octo-org"), org.Scope);
                Assert.Equal(["octo-org/web-*"], org.Include);
                Assert.Equal(["octo-org/web-legacy"], org.Exclude);
                Assert.True(org.Archived);
                Assert.False(org.Forks);
                Assert.Equal(["found"], org.Template.Labels);
                Assert.Equal(UpdateGrouping.Image, org.Template.Grouping);
            },
            user =>
            {
                Assert.Equal(new DiscoveryScope.User("octocat"), user.Scope);
                Assert.True(user.Forks);
                Assert.False(user.Archived);
                Assert.Equal(["deps"], user.Template.Labels);
            });
    }

    public static TheoryData<string, int, int, string> Broken => new()
    {
        { GitHubToken + "discover:\n  - org: acme\n    user: bob\n", 5, 5, "exactly one of 'org', 'user' or 'installation'" },
        { GitHubToken + "discover:\n  - include: [acme/*]\n", 4, 5, "expected one of 'org: name', 'user: name' or 'installation: true'" },
        { GitHubToken + "discover:\n  - installation: true\n", 4, 19, "needs 'github.app' with an 'installationId'" },
        { GitHubToken + "discover:\n  - org: acme/web\n", 4, 10, "expected a GitHub organization name" },
        { GitHubToken + "discover:\n  - org: acme\n    exclude: [web-*]\n", 5, 15, "expected a glob on owner/name" },
        { GitHubToken + "discover:\n  - org: acme\n    forks: yes\n", 5, 12, "expected true or false" },
        { GitHubToken + "discover:\n  - org: acme\n    lables: [x]\n", 5, 5, "unknown key 'lables'" },
        { "discover:\n  - org: acme\n", 2, 5, "needs the top-level 'github:' section" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void Each_mistake_is_reported_at_its_line_and_column(string yaml, int line, int column, string problem)
    {
        var error = Assert.Throws<ConfigException>(() => _folder.Load(yaml));

        var found = Assert.Single(error.All);
        Assert.Equal((line, column), (found.Line, found.Column));
        Assert.Contains(problem, found.Problem, StringComparison.Ordinal);
    }
}

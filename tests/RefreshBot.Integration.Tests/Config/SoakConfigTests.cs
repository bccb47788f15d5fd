using RefreshBot.Host.Config;

namespace RefreshBot.Integration.Tests.Config;

/// <summary><c>policies.soak</c> and <c>policies.soakImages</c>: parsed, merged over the defaults, and refused with line and column.</summary>
public sealed class SoakConfigTests : IDisposable
{
    private readonly ConfigFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Soak_is_off_by_default()
    {
        var config = _folder.Load("github:\n  token: ${env:GITHUB_TOKEN}\nrepositories:\n  - github: octo-org/web-app\n");

        Assert.Equal(TimeSpan.Zero, config.Repositories[0].Policy.Soak);
        Assert.Empty(config.Repositories[0].Policy.SoakImages);
    }

    [Fact]
    public void Soak_and_image_overrides_merge_over_the_defaults()
    {
        var config = _folder.Load("""
            github:
              token: ${env:GITHUB_TOKEN}
            defaults:
              policies:
                soak: 24h
                soakImages: {"docker.io/library/node": 48h, "ghcr.io/acme/base": 90m}
            repositories:
              - github: octo-org/web-app
              - github: octo-org/payments
                policies:
                  soak: 0
                  soakImages: {node: 2160h, "ghcr.io/acme/base": 30s}
            """);

        var inherits = config.Repositories[0].Policy;
        Assert.Equal(TimeSpan.FromHours(24), inherits.Soak);
        Assert.Equal(TimeSpan.FromHours(48), inherits.SoakImages["docker.io/library/node"]);
        Assert.Equal(TimeSpan.FromMinutes(90), inherits.SoakImages["ghcr.io/acme/base"]);
        Assert.Equal(TimeSpan.FromHours(48), inherits.SoakOf("docker.io/library/node", "node"));
        Assert.Equal(TimeSpan.FromHours(24), inherits.SoakOf("docker.io/library/python", "python"));

        var overrides = config.Repositories[1].Policy;
        Assert.Equal(TimeSpan.Zero, overrides.Soak);
        Assert.Equal(3, overrides.SoakImages.Count);
        Assert.Equal(TimeSpan.FromDays(90), overrides.SoakImages["node"]);
        Assert.Equal(TimeSpan.FromSeconds(30), overrides.SoakImages["ghcr.io/acme/base"]);
        Assert.Equal(TimeSpan.FromHours(48), overrides.SoakImages["docker.io/library/node"]);
    }

    [Theory]
    [InlineData("defaults:\n  policies:\n    soak: 1d\n", 3, 11,
        "defaults.policies.soak: expected a duration such as 90s, 30m or 24h (0: off; at most 2160h), got '1d'")]
    [InlineData("defaults:\n  policies:\n    soak: 2161h\n", 3, 11,
        "defaults.policies.soak: expected a duration such as 90s, 30m or 24h (0: off; at most 2160h), got '2161h'")]
    [InlineData("repositories:\n  - path: svc\n    policies:\n      soakImages:\n        node: -1h\n", 5, 15,
        "repositories[0].policies.soakImages.node: expected a duration such as 90s, 30m or 24h (0: off; at most 2160h), got '-1h'")]
    [InlineData("defaults:\n  policies:\n    soakImages:\n      \"localhost:5000/node\": 1h\n      Node: 1h\n", 5, 7,
        "defaults.policies.soakImages: expected image names such as node or docker.io/library/node (lower case, no tag or digest), got 'Node'")]
    [InlineData("defaults:\n  policies:\n    soakImages:\n      \"node:20\": 1h\n", 4, 7,
        "defaults.policies.soakImages: expected image names such as node or docker.io/library/node (lower case, no tag or digest), got 'node:20'")]
    [InlineData("defaults:\n  policies:\n    soakImages: [node]\n", 3, 17, "defaults.policies.soakImages: expected a mapping (key: value lines)")]
    public void Bad_soak_values_name_line_and_column(string yaml, int line, int column, string problem)
    {
        var error = Assert.Throws<ConfigException>(() => _folder.Load(yaml));

        Assert.Equal(problem, error.Problem);
        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.Equal($"refreshbot.yaml:{line}:{column}: {problem}", error.Message);
    }
}

using RefreshBot.Host.Config;

namespace RefreshBot.Integration.Tests.Config;

/// <summary>The repository setting <c>build</c>: off per repository or in <c>defaults:</c>, never on against the fleet.</summary>
public sealed class BuildSwitchConfigTests : IDisposable
{
    private const string FleetBuilds = "build:\n  enabled: true\n";

    private readonly ConfigFolder _folder = new();
    private readonly ConfigSchema _schema = ConfigSchema.Load();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Unset_follows_the_fleet_and_false_turns_one_repository_off()
    {
        const string yaml = FleetBuilds + "repositories:\n  - url: https://git.example/a\n  - url: https://git.example/b\n    build: false\n";

        var config = _folder.Load(yaml);

        Assert.True(config.Build.Enabled);
        Assert.Equal([true, false], config.Repositories.Select(r => r.Build));
        Assert.Empty(_schema.Validate(yaml));
    }

    [Fact]
    public void False_in_defaults_turns_every_repository_off_unless_one_sets_true()
    {
        const string yaml = FleetBuilds
            + "defaults:\n  build: false\nrepositories:\n  - url: https://git.example/a\n  - url: https://git.example/b\n    build: true\n";

        var config = _folder.Load(yaml);

        Assert.False(config.Defaults.Build);
        Assert.Equal([false, true], config.Repositories.Select(r => r.Build));
        Assert.Empty(_schema.Validate(yaml));
    }

    [Fact]
    public void False_is_allowed_while_the_fleet_does_not_build()
    {
        var config = _folder.Load("repositories:\n  - url: https://git.example/a\n    build: false\n");

        Assert.False(config.Build.Enabled);
        Assert.False(Assert.Single(config.Repositories).Build);
    }

    public static TheoryData<string, int, int, string> Broken => new()
    {
        { FleetBuilds + "repositories:\n  - url: https://git.example/a\n    build: sometimes\n", 5, 12,
            "repositories[0].build: expected true or false, got 'sometimes'" },
        { "defaults:\n  build: yes\n", 2, 10, "defaults.build: expected true or false, got 'yes'" },
        { "repositories:\n  - url: https://git.example/a\n  - url: https://git.example/b\n    build: true\n", 4, 12,
            "repositories[1].build: 'true' cannot turn building on: the fleet's build.enabled is false; set build.enabled: true, or remove this line" },
        { "build:\n  enabled: false\ndefaults:\n  build: true\n", 4, 10,
            "defaults.build: 'true' cannot turn building on: the fleet's build.enabled is false; set build.enabled: true, or remove this line" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void A_wrong_value_is_an_error_at_its_line_and_column(string yaml, int line, int column, string problem)
    {
        var error = Assert.Throws<ConfigException>(() => _folder.Load(yaml));

        Assert.Equal((line, column, problem), (error.Line, error.Column, error.Problem));
        Assert.Equal($"refreshbot.yaml:{line}:{column}: {problem}", error.Message);
    }

    [Fact]
    public void A_repositorys_own_file_cannot_switch_its_scanning_off_unless_the_admin_allows_it()
    {
        var repository = _folder.Load(FleetBuilds + "repositories:\n  - url: https://git.example/a\n").Repositories.Single();
        Assert.DoesNotContain("build", OverrideSettings.DefaultAllow);

        var refused = new RepositoryOverridesFile(OverrideSettings.Default).Read(repository, ".github/refreshbot.yml", "labels: [x]\nbuild: false\n");
        var allowed = new RepositoryOverridesFile(new OverrideSettings(true, new HashSet<string>(["build"], StringComparer.Ordinal)))
            .Read(repository, ".github/refreshbot.yml", "build: false\n");

        Assert.True(refused.Repository.Build);
        Assert.Equal(["x"], refused.Repository.Labels);
        Assert.Equal([".github/refreshbot.yml:2:1: 'build' is not allowed by the fleet config (overrides.allow); ignored"], refused.Notices);
        Assert.False(allowed.Repository.Build);
        Assert.Empty(allowed.Notices);
        Assert.True(_folder.Load(FleetBuilds + "overrides:\n  allow: [build]\n").Overrides.Allows("build"));
    }
}

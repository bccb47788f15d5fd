using RefreshBot.Host.Config;
using RefreshBot.Integration.Tests.Config;

namespace RefreshBot.Integration.Tests.Evaluation;

/// <summary>The <c>build:</c> and <c>vulnerabilities:</c> sections: defaults, values, and file:line:col errors.</summary>
public sealed class BuildConfigTests : IDisposable
{
    private readonly ConfigFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Without_the_sections_building_is_off_and_there_is_no_vulnerability_source()
    {
        var config = _folder.Load("git: {author: {name: bot, email: bot@example.com}}\n");

        Assert.False(config.Build.Enabled);
        Assert.Equal(TimeSpan.FromMinutes(10), config.Build.BuildTimeout);
        Assert.True(config.Build.DraftOnFailure);
        Assert.Equal("default", config.Build.Network);
        Assert.Null(config.Build.MemoryBytes);
        Assert.Equal(VulnerabilitySettings.None, config.Vulnerabilities);
    }

    [Fact]
    public void Every_build_key_is_read()
    {
        var config = _folder.Load("""
            build:
              enabled: true
              timeout: 90s
              memory: 2g
              network: none
              draftOnFailure: false
            vulnerabilities:
              osvDirectory: osv-export
            """);

        Assert.True(config.Build.Enabled);
        Assert.Equal(TimeSpan.FromSeconds(90), config.Build.BuildTimeout);
        Assert.Equal(2L * 1024 * 1024 * 1024, config.Build.MemoryBytes);
        Assert.Equal("none", config.Build.Network);
        Assert.False(config.Build.DraftOnFailure);
        Assert.Equal(Path.Combine(_folder.Root, "osv-export"), config.Vulnerabilities.OsvDirectory);
        Assert.Null(config.Vulnerabilities.OsvApi);
    }

    [Fact]
    public void The_osv_api_gets_a_trailing_slash()
    {
        var config = _folder.Load("vulnerabilities: {osvApi: 'https://osv.internal.example/v1'}\n");

        Assert.Equal(new Uri("https://osv.internal.example/v1/"), config.Vulnerabilities.OsvApi);
    }

    [Theory]
    [InlineData("build:\n  timeout: 10\n", "refreshbot.yaml:2:12: build.timeout: expected a duration such as 90s, 10m or 1h")]
    [InlineData("build:\n  memory: 1k\n", "refreshbot.yaml:2:11: build.memory: expected a memory size such as 512m or 2g")]
    [InlineData("build:\n  network: host\n", "refreshbot.yaml:2:12: build.network: expected one of default, none, got 'host'")]
    [InlineData("build:\n  enabled: yes\n", "refreshbot.yaml:2:12: build.enabled: expected true or false, got 'yes'")]
    [InlineData("build:\n  timout: 5m\n", "refreshbot.yaml:2:3: unknown key 'timout'")]
    [InlineData("vulnerabilities:\n  osvApi: ftp://x/\n", "refreshbot.yaml:2:11: vulnerabilities.osvApi: expected an http(s) URL")]
    [InlineData("vulnerabilities:\n  osvApi: https://x/\n  osvDirectory: osv\n", "refreshbot.yaml:2:3: vulnerabilities: expected one of 'osvDirectory' or 'osvApi', not both")]
    public void Bad_values_are_errors_naming_file_line_and_column(string yaml, string expected)
    {
        var error = Assert.Throws<ConfigException>(() => _folder.Load(yaml));

        Assert.StartsWith(expected, error.Message);
    }
}

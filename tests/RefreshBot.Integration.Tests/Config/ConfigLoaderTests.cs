using RefreshBot.Domain.Platforms;
using RefreshBot.Host.Config;

namespace RefreshBot.Integration.Tests.Config;

public sealed class ConfigLoaderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("refreshbot-config-").FullName;
    private readonly Dictionary<string, string> _environment = new() { ["REG_PASSWORD"] = "s3cret-from-env" };

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Loads_registries_and_defaults_with_substitutions()
    {
        File.WriteAllText(Path.Combine(_folder, "token.txt"), "s3cret-from-file\n");
        var config = Load("""
            # comment
            registries:
              - host: registry.example:5000
                insecure: true
                username: bot
                password: ${env:REG_PASSWORD}
                concurrency: 3
              - host: ghcr.io
                username: ci
                password: ${file:token.txt}
            defaults:
              platform: linux/arm/v7
              buildArgs:
                BASE_TAG: "3.20"
                SECRETISH: pre-${env:REG_PASSWORD}
            """);

        Assert.Equal(2, config.Registries.Count);
        var first = config.FindRegistry("REGISTRY.example:5000")!;
        Assert.True(first.Insecure);
        Assert.Equal("bot", first.Username);
        Assert.Equal("s3cret-from-env", first.Password!.Reveal());
        Assert.Equal(3, first.Concurrency);
        Assert.DoesNotContain("s3cret", first.ToString());
        var second = config.FindRegistry("ghcr.io")!;
        Assert.False(second.Insecure);
        Assert.Null(second.Concurrency);
        Assert.Equal("s3cret-from-file", second.Password!.Reveal());
        Assert.Equal([new Platform("linux", "arm", "v7")], config.Defaults.Platforms);
        Assert.Equal("3.20", config.Defaults.BuildArgs["BASE_TAG"]);
        Assert.Equal("pre-s3cret-from-env", config.Defaults.BuildArgs["SECRETISH"]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    public void Empty_file_is_the_empty_config(string text)
    {
        var config = Load(text);

        Assert.Empty(config.Registries);
        Assert.Equal([Platform.LinuxAmd64], config.Defaults.Platforms);
        Assert.Empty(config.Defaults.BuildArgs);
        Assert.Empty(config.Repositories);
        Assert.Null(config.GitHub);
    }

    [Theory]
    [InlineData("registries:\n  - host: a.example\n    insecur: true\n", 3, 5, "unknown key 'insecur'")]
    [InlineData("defaults:\n  platfrom: linux/amd64\n", 2, 3, "unknown key 'platfrom'")]
    [InlineData("registry:\n  - host: a.example\n", 1, 1, "unknown key 'registry'")]
    [InlineData("registries:\n  - host: a.example\n    insecure: yes please\n", 3, 15, "expected true or false")]
    [InlineData("registries:\n  - host: a.example\n    concurrency: 0\n", 3, 18, "whole number from 1 to 256")]
    [InlineData("registries:\n  - host: https://a.example\n", 2, 11, "no scheme, no path")]
    [InlineData("registries:\n  - insecure: true\n", 2, 5, "needs 'host'")]
    [InlineData("registries:\n  - host: a.example\n    username: u\n    password: hunter2\n", 4, 15, "must not be written in the config")]
    [InlineData("registries:\n  - host: a.example\n    username: u\n    password: ${env:NOT_SET_ANYWHERE}\n", 4, 15, "'NOT_SET_ANYWHERE' is not set")]
    [InlineData("registries:\n  - host: a.example\n    username: u\n    password: ${file:missing.txt}\n", 4, 15, "'missing.txt' does not exist")]
    [InlineData("registries:\n  - host: a.example\n    password: ${env:REG_PASSWORD}\n", 3, 15, "needs a 'username'")]
    [InlineData("registries:\n  - host: a.example\n  - host: A.example\n", 3, 5, "listed twice")]
    [InlineData("registries: a.example\n", 1, 13, "expected a list")]
    [InlineData("defaults:\n  platform: linux\n", 2, 13, "expected a platform")]
    [InlineData("defaults:\n  buildArgs: [a, b]\n", 2, 14, "expected a mapping")]
    [InlineData("defaults:\n  buildArgs:\n    A: ${vault:x}\n", 3, 8, "unknown substitution")]
    [InlineData("registries:\n  - host: a.example\n   insecure: true\n", 3, 4, "invalid YAML")]
    [InlineData("- just\n- a list\n", 1, 1, "the top level: expected a mapping")]
    public void Errors_name_line_column_and_what_was_expected(string yaml, int line, int column, string expected)
    {
        var error = Assert.Throws<ConfigException>(() => Load(yaml));

        Assert.Contains(expected, error.Problem);
        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.StartsWith($"refreshbot.yaml:{line}:{column}: ", error.Message);
        Assert.DoesNotContain("s3cret", error.Message);
        Assert.DoesNotContain("hunter2", error.Message);
    }

    [Fact]
    public void Missing_file_is_a_config_error()
    {
        var error = Assert.Throws<ConfigException>(() => ConfigLoader.LoadFile(Path.Combine(_folder, "nope.yaml")));

        Assert.Contains("not found", error.Message);
    }

    private RefreshBotConfig Load(string yaml) =>
        new ConfigLoader(new SecretSubstitution(name => _environment.GetValueOrDefault(name), _folder), _folder).Load("refreshbot.yaml", yaml);
}

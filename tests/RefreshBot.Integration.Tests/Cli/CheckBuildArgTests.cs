using RefreshBot.Host.Cli;
using RefreshBot.Testing.Images;
using RefreshBot.Testing.Registry;

namespace RefreshBot.Integration.Tests.Cli;

/// <summary><c>--build-arg</c>: read as <c>docker build</c> reads it, and winning over the config's buildArgs.</summary>
public sealed class CheckBuildArgTests : IAsyncLifetime
{
    private readonly GitFleet _fleet = new();
    private RegistryServer _registry = null!;

    public async Task InitializeAsync() => _registry = await RegistryServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _registry.DisposeAsync();
        _fleet.Dispose();
    }

    [Fact]
    public async Task Command_line_build_args_override_config_and_ARG_defaults()
    {
        using var pusher = new ImagePusher(_registry.BaseUri);
        var one = await pusher.PushImageAsync("team/app", "1");
        var two = await pusher.PushImageAsync("team/app", "2");
        _fleet.Repository("svc", ("Dockerfile", "ARG REGISTRY=localhost:1\nARG TAG=0\nFROM ${REGISTRY}/team/app:${TAG}\n"));
        var config = _fleet.Write("refreshbot.yaml", $"""
            defaults:
              buildArgs:
                REGISTRY: {_registry.Host}
                TAG: "1"
            """);

        var fromConfig = await CliRun.InProcessAsync("check", _fleet.Root, "--config", config, "--format", "json", "--no-cache", "--log-level", "Warning");
        var fromCommandLine = await CliRun.InProcessAsync(
            "check", _fleet.Root, "--config", config, "--build-arg", "TAG=2", "--format", "json", "--no-cache", "--log-level", "Warning");

        Assert.True(fromConfig.ExitCode == 0, fromConfig.ToString());
        Assert.Equal($"{_registry.Host}/team/app:1", fromConfig.Image("svc/Dockerfile", 3).GetProperty("reference").GetString());
        Assert.Equal(one.Digest.ToString(), fromConfig.Image("svc/Dockerfile", 3).GetProperty("currentDigest").GetString());
        Assert.True(fromCommandLine.ExitCode == 0, fromCommandLine.ToString());
        Assert.Equal($"{_registry.Host}/team/app:2", fromCommandLine.Image("svc/Dockerfile", 3).GetProperty("reference").GetString());
        Assert.Equal(two.Digest.ToString(), fromCommandLine.Image("svc/Dockerfile", 3).GetProperty("currentDigest").GetString());
    }

    [Theory]
    [InlineData("--build-arg", "=x")]
    [InlineData("--build-arg", "1ABC=x")]
    [InlineData("--build-arg", "A-B=x")]
    public async Task A_malformed_build_arg_is_a_usage_error(string option, string value)
    {
        var run = await CliRun.InProcessAsync("check", _fleet.Root, option, value, "--no-cache");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"--build-arg '{value}'", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("TAG=2", "TAG", "2")]
    [InlineData("TAG=", "TAG", "")]
    [InlineData("URL=a=b", "URL", "a=b")]
    [InlineData("FROM_ENV", "FROM_ENV", "env-value")]
    public void Parses_like_docker_build(string token, string name, string value)
    {
        Assert.True(BuildArgument.TryParse(token, n => n == "FROM_ENV" ? "env-value" : null, out var argument, out var problem), problem);
        Assert.Equal(new KeyValuePair<string, string>(name, value), argument);
    }

    [Fact]
    public void A_name_alone_without_an_environment_value_sets_nothing()
    {
        Assert.True(BuildArgument.TryParse("UNSET", _ => null, out var argument, out _));
        Assert.Null(argument);
    }
}

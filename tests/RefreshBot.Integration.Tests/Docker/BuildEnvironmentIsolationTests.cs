namespace RefreshBot.Integration.Tests.Docker;

/// <summary>Runs alone: its tests change the test process's environment (variables and DOCKER_CONFIG).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironmentCollection
{
    public const string Name = "process environment";
}

/// <summary>
/// What reaches a build: only the request's build args — not the bot's environment variables, not its docker
/// config (whose proxies the CLI would otherwise inject as build args) — and secrets are redacted from the log.
/// </summary>
[Collection(ProcessEnvironmentCollection.Name)]
public sealed class BuildEnvironmentIsolationTests(BuildFixture fixture) : IClassFixture<BuildFixture>
{
    [Fact]
    public async Task Neither_the_bots_environment_nor_its_docker_config_reach_the_build_and_secrets_are_redacted()
    {
        var sentinel = "sentinel-" + Guid.NewGuid().ToString("N");
        var secret = "s3cret-" + Guid.NewGuid().ToString("N");
        var config = Directory.CreateDirectory(Path.Combine(fixture.Root, "docker-config-" + Guid.NewGuid().ToString("N")[..8])).FullName;
        await File.WriteAllTextAsync(Path.Combine(config, "config.json"),
            $$$$"""{"proxies":{"default":{"httpProxy":"http://{{{{sentinel}}}}-proxy.invalid:3128"}}}""");
        var saved = new Dictionary<string, string?>();
        foreach (var (name, value) in new[] { ("REFRESHBOT_TEST_GITHUB_TOKEN", sentinel), ("REFRESHBOT_TEST_SENTINEL", sentinel), ("DOCKER_CONFIG", config) })
        {
            saved[name] = Environment.GetEnvironmentVariable(name);
            Environment.SetEnvironmentVariable(name, value);
        }

        var context = fixture.Context($"""
            FROM {fixture.Debian.Reference}
            ARG VISIBLE
            ARG TOKEN_ARG
            ARG REFRESHBOT_TEST_GITHUB_TOKEN
            RUN env; echo "visible=$VISIBLE"; echo "token=$TOKEN_ARG"; echo "github=$REFRESHBOT_TEST_GITHUB_TOKEN"; env > /build-env.txt
            """);
        try
        {
            var result = await fixture.BuildAsync(BuildFixture.Request(
                context, buildArgs: new Dictionary<string, string> { ["VISIBLE"] = "shown-value", ["TOKEN_ARG"] = secret }, secrets: [secret]));

            Assert.True(result.Succeeded, result.LogTail);
            Assert.Contains("visible=shown-value", result.LogTail, StringComparison.Ordinal);
            Assert.Contains("token=***", result.LogTail, StringComparison.Ordinal);
            Assert.Contains("github=\n", result.LogTail, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, result.LogTail, StringComparison.Ordinal);
            Assert.DoesNotContain(sentinel, result.LogTail, StringComparison.Ordinal);
            Assert.DoesNotContain("proxy", result.LogTail, StringComparison.OrdinalIgnoreCase);

            var env = await DockerCli.RunAsync(fixture.Root, "run", "--rm", result.ImageId!, "cat", "/build-env.txt");
            Assert.Contains("VISIBLE=shown-value", env, StringComparison.Ordinal);
            Assert.DoesNotContain(sentinel, env, StringComparison.Ordinal);
            Assert.DoesNotContain("proxy", env, StringComparison.OrdinalIgnoreCase);
            var inspect = await DockerCli.RunAsync(fixture.Root, "image", "inspect", result.ImageId!);
            Assert.DoesNotContain(sentinel, inspect, StringComparison.Ordinal);
        }
        finally
        {
            foreach (var (name, value) in saved)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }
    }
}

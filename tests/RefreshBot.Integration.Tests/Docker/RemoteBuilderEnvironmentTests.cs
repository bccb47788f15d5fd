using System.Diagnostics;
using RefreshBot.Adapters.Docker;

namespace RefreshBot.Integration.Tests.Docker;

/// <summary>
/// A remote builder over TLS (README "Running the service in a container"): the docker CLI gets DOCKER_HOST,
/// DOCKER_TLS_VERIFY and DOCKER_CERT_PATH, and still nothing else of the bot's environment.
/// </summary>
[Collection(ProcessEnvironmentCollection.Name)]
public sealed class RemoteBuilderEnvironmentTests
{
    [Fact]
    public void A_remote_TLS_builder_gets_its_three_variables_and_nothing_else()
    {
        var sentinel = "sentinel-" + Guid.NewGuid().ToString("N");
        var variables = new[]
        {
            ("DOCKER_HOST", "tcp://builder.example:2376"), ("DOCKER_TLS_VERIFY", "1"), ("DOCKER_CERT_PATH", "/run/secrets/docker-certs"),
            ("REFRESHBOT_TEST_GITHUB_TOKEN", sentinel),
        };
        var saved = variables.ToDictionary(v => v.Item1, v => Environment.GetEnvironmentVariable(v.Item1));
        try
        {
            foreach (var (name, value) in variables)
            {
                Environment.SetEnvironmentVariable(name, value);
            }

            using var environment = BuildEnvironment.Create(new DockerCliImageBuilderOptions());
            var start = new ProcessStartInfo("docker");
            environment.ApplyTo(start);

            Assert.Equal("tcp://builder.example:2376", start.Environment["DOCKER_HOST"]);
            Assert.Equal("1", start.Environment["DOCKER_TLS_VERIFY"]);
            Assert.Equal("/run/secrets/docker-certs", start.Environment["DOCKER_CERT_PATH"]);
            Assert.DoesNotContain(start.Environment, e => e.Value == sentinel);
            Assert.Equal(
                ["DOCKER_BUILDKIT", "DOCKER_CERT_PATH", "DOCKER_CONFIG", "DOCKER_HOST", "DOCKER_TLS_VERIFY", "HOME", "PATH"],
                start.Environment.Keys.Order(StringComparer.Ordinal));
        }
        finally
        {
            foreach (var (name, value) in saved)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }
    }

    [Fact]
    public void Without_a_remote_host_the_TLS_variables_are_not_passed()
    {
        var saved = new[] { "DOCKER_HOST", "DOCKER_TLS_VERIFY", "DOCKER_CERT_PATH" }.ToDictionary(n => n, Environment.GetEnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable("DOCKER_HOST", null);
            Environment.SetEnvironmentVariable("DOCKER_TLS_VERIFY", "1");
            Environment.SetEnvironmentVariable("DOCKER_CERT_PATH", "/somewhere");

            using var environment = BuildEnvironment.Create(new DockerCliImageBuilderOptions());
            var start = new ProcessStartInfo("docker");
            environment.ApplyTo(start);

            Assert.False(start.Environment.ContainsKey("DOCKER_TLS_VERIFY"));
            Assert.False(start.Environment.ContainsKey("DOCKER_CERT_PATH"));
            Assert.False(start.Environment.ContainsKey("DOCKER_HOST"));
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

using RefreshBot.Adapters.Credentials;
using RefreshBot.Adapters.Registry;
using RefreshBot.Domain.References;
using RefreshBot.Testing.Images;
using RefreshBot.Testing.Logging;
using RefreshBot.Testing.Registry;

namespace RefreshBot.Integration.Tests.Registry;

/// <summary>Docker config credential helpers run as real processes (a script written by the test, on PATH).</summary>
public sealed class CredentialHelperTests : IDisposable
{
    private const string User = "helper-user";
    private const string Password = "Sentinel-Helper-55d0e1";
    private readonly string _directory = Directory.CreateTempSubdirectory("refreshbot-credhelper-").FullName;

    public CredentialHelperTests()
    {
        // The helper logs the server address it was asked for, and answers only for registries it knows.
        var script = Path.Combine(_directory, "docker-credential-refreshbottest");
        File.WriteAllText(script, $$"""
            #!/bin/sh
            [ "$1" = "get" ] || exit 3
            read -r server
            echo "$server" >> "{{_directory}}/asked.log"
            case "$server" in
              127.0.0.1:*) printf '{"ServerURL":"%s","Username":"{{User}}","Secret":"{{Password}}"}' "$server" ;;
              *) echo "credentials not found in native keychain"; exit 1 ;;
            esac
            """.Replace("\r\n", "\n", StringComparison.Ordinal));
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("credential helper scripts need a POSIX shell");
        }

        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        if (!path.Contains(_directory, StringComparison.Ordinal))
        {
            Environment.SetEnvironmentVariable("PATH", _directory + Path.PathSeparator + path);
        }
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string WriteConfig(string json)
    {
        var config = Path.Combine(_directory, Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(config, json);
        return config;
    }

    [Theory]
    [InlineData("credHelpers")]
    [InlineData("credsStore")]
    public async Task Helper_credentials_authenticate_against_htpasswd_registry(string mechanism)
    {
        await using var registry = await RegistryServer.StartAsync(new RegistryAuth.Basic(User, Password));
        using var pusher = new ImagePusher(registry.BaseUri, User, Password);
        var pushed = await pusher.PushImageAsync("via/helper", "1");
        var config = WriteConfig(mechanism == "credHelpers"
            ? "{\"credHelpers\":{\"" + registry.Host + "\":\"refreshbottest\"}}"
            : "{\"credsStore\":\"refreshbottest\"}");
        var logs = new CapturingLoggerProvider();
        using var client = RegistryClient.Create(new RegistryClientOptions(), new DockerConfigCredentialSource(config, logs.CreateLogger("creds")), logs);

        var descriptor = await client.HeadManifestAsync(new ImageReference(registry.Host, "via/helper", null, null), "1", CancellationToken.None);

        Assert.Equal(pushed.Digest, descriptor.Digest);
        Assert.Contains(registry.Host, File.ReadAllLines(Path.Combine(_directory, "asked.log")));
        Assert.DoesNotContain(Password, logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Docker_hub_is_asked_for_by_its_v1_server_address_and_a_miss_falls_back_to_auths()
    {
        var config = WriteConfig("""{"credsStore":"refreshbottest","auths":{"https://index.docker.io/v1/":{"auth":"aHViOnNlY3JldA=="}}}""");
        var source = new DockerConfigCredentialSource(config);

        var credential = await source.GetAsync("docker.io", CancellationToken.None);

        Assert.Contains("https://index.docker.io/v1/", File.ReadAllLines(Path.Combine(_directory, "asked.log")));
        Assert.Equal(new RegistryCredential("hub", "secret"), credential);
        Assert.DoesNotContain("secret", credential!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_helper_gives_no_credentials_and_a_warning_without_secrets()
    {
        var config = WriteConfig("""{"credHelpers":{"ghcr.io":"does-not-exist-anywhere"}}""");
        var logs = new CapturingLoggerProvider();
        var source = new DockerConfigCredentialSource(config, logs.CreateLogger("creds"));

        var credential = await source.GetAsync("ghcr.io", CancellationToken.None);

        Assert.Null(credential);
        Assert.Contains("docker-credential-does-not-exist-anywhere not found", logs.AllText, StringComparison.Ordinal);
    }
}

using System.Text;
using RefreshBot.Testing.Images;
using RefreshBot.Testing.Proxy;
using RefreshBot.Testing.Registry;
using RefreshBot.Testing.Tokens;

namespace RefreshBot.Integration.Tests.Cli;

/// <summary>
/// <c>refreshbot check</c> as a process against a token-auth registry (the Docker Hub flow), with the
/// password coming from <c>${env:…}</c> in the config: right results, one token per repository scope,
/// and the secret nowhere in stdout or the debug logs — also when the password is wrong.
/// </summary>
public sealed class CheckAuthenticatedRegistryTests : IAsyncLifetime
{
    private const string User = "fleet-robot";
    private const string Password = "Sentinel-Cli-Pa55-51f0c2";
    private const string PasswordVariable = "REFRESHBOT_TEST_REGISTRY_PASSWORD";

    private readonly GitFleet _fleet = new();
    private TokenServer _tokens = null!;
    private RegistryServer _registry = null!;
    private CountingProxy _proxy = null!;
    private ImagePusher _pusher = null!;

    public async Task InitializeAsync()
    {
        _tokens = await TokenServer.StartAsync(new TokenServerOptions { Users = new Dictionary<string, string> { [User] = Password } });
        _registry = await RegistryServer.StartAsync(new RegistryAuth.Token(_tokens));
        _proxy = await CountingProxy.StartAsync(_registry.BaseUri);
        _pusher = new ImagePusher(_registry.BaseUri, User, Password);
    }

    public async Task DisposeAsync()
    {
        _pusher.Dispose();
        await _proxy.DisposeAsync();
        await _registry.DisposeAsync();
        await _tokens.DisposeAsync();
        _fleet.Dispose();
    }

    [Fact]
    public async Task Resolves_private_images_with_one_token_per_scope_and_never_prints_the_secret()
    {
        var app = await _pusher.PushImageAsync("private/app", "1");
        var libOld = await _pusher.PushImageAsync("private/lib", "2");
        var libNew = await _pusher.PushImageAsync("private/lib", "2");
        var config = WriteFleet(libOld.Digest.ToString());
        _tokens.ResetCounts();

        var run = await CliRun.ProcessAsync(
            $"check '{_fleet.Root}' --no-cache --config '{config}' --format json --log-level Debug --log-format json",
            environment: new Dictionary<string, string> { [PasswordVariable] = Password });

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("unpinned", run.Image("svc/Dockerfile", 1).GetProperty("status").GetString());
        Assert.Equal(app.Digest.ToString(), run.Image("svc/Dockerfile", 1).GetProperty("currentDigest").GetString());
        Assert.Equal("outdated", run.Image("svc/Dockerfile", 2).GetProperty("status").GetString());
        Assert.Equal(libNew.Digest.ToString(), run.Image("svc/Dockerfile", 2).GetProperty("currentDigest").GetString());
        Assert.Equal("unpinned", run.Image("svc/Dockerfile", 3).GetProperty("status").GetString());

        // Two repositories, two pull scopes: one token each, however many references share them.
        var granted = _tokens.Requests.Where(r => r.Granted).ToList();
        Assert.Equal(2, granted.Count);
        Assert.All(granted, r => Assert.Equal(User, r.User));
        // The scan below is meaningful only if the debug logs really covered the token exchange.
        Assert.Contains("Requesting token for", run.Stderr, StringComparison.Ordinal);
        AssertNoSecret(run);
    }

    [Fact]
    public async Task A_wrong_password_is_an_auth_error_per_image_and_the_secret_is_not_printed()
    {
        await _pusher.PushImageAsync("private/app", "1");
        var config = WriteFleet("sha256:" + new string('0', 64));

        var run = await CliRun.ProcessAsync(
            $"check '{_fleet.Root}' --no-cache --config '{config}' --format json --log-level Debug",
            environment: new Dictionary<string, string> { [PasswordVariable] = "Sentinel-Wrong-" + Password });

        Assert.True(run.ExitCode == 0, run.ToString());
        var image = run.Image("svc/Dockerfile", 1);
        Assert.Equal("error", image.GetProperty("status").GetString());
        Assert.Contains("auth", image.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Contains("private/app", image.GetProperty("reason").GetString(), StringComparison.Ordinal);
        AssertNoSecret(run, "Sentinel-Wrong-" + Password);
    }

    [Fact]
    public async Task A_missing_secret_variable_is_a_config_error_naming_the_line()
    {
        var config = WriteFleet("sha256:" + new string('0', 64));

        var run = await CliRun.ProcessAsync($"check '{_fleet.Root}' --no-cache --config '{config}'");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("refreshbot.yaml:4:", run.Stderr, StringComparison.Ordinal);
        Assert.Contains(PasswordVariable, run.Stderr, StringComparison.Ordinal);
    }

    private string WriteFleet(string libPin)
    {
        var host = _proxy.Host;
        _fleet.Repository("svc", ("Dockerfile", $"""
            FROM {host}/private/app:1 AS app
            FROM {host}/private/lib:2@{libPin}
            COPY --from={host}/private/app:1 /x /x

            """));
        return _fleet.Write("refreshbot.yaml", $$"""
            registries:
              - host: {{host}}
                username: {{User}}
                password: ${env:{{PasswordVariable}}}
            """);
    }

    private static void AssertNoSecret(CliRun run, string secret = Password)
    {
        var everything = run.Stdout + run.Stderr;
        Assert.DoesNotContain(secret, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes(User + ":" + secret)), everything, StringComparison.Ordinal);
        Assert.DoesNotContain("eyJ", everything, StringComparison.Ordinal); // no bearer token (JWT)
    }
}

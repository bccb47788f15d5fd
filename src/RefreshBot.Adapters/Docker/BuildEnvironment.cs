using System.Diagnostics;

namespace RefreshBot.Adapters.Docker;

/// <summary>
/// The environment of every docker CLI process the builder starts: cleared, then only <c>PATH</c>, a private
/// empty <c>HOME</c> (so the bot's <c>~/.docker/config.json</c> — registry credentials, proxies, contexts — is not
/// used), <c>DOCKER_HOST</c> when configured and <c>DOCKER_BUILDKIT=0</c>; for a remote builder over TLS also
/// <c>DOCKER_TLS_VERIFY</c> and <c>DOCKER_CERT_PATH</c> when the bot has them (the CLI reads the client certificate
/// from that folder; nothing of it reaches the build). A build can therefore pull only what needs no credentials; none
/// of the bot's other variables (tokens, keys) reach the CLI or the build.
/// </summary>
internal sealed class BuildEnvironment : IDisposable
{
    private static readonly string[] RemoteBuilderVariables = ["DOCKER_TLS_VERIFY", "DOCKER_CERT_PATH"];

    private readonly IReadOnlyDictionary<string, string> _remote;

    private BuildEnvironment(string home, string? dockerHost, IReadOnlyDictionary<string, string> remote)
    {
        Home = home;
        DockerHost = dockerHost;
        _remote = remote;
    }

    /// <summary>The private HOME directory (deleted on dispose).</summary>
    public string Home { get; }

    public string? DockerHost { get; }

    public static BuildEnvironment Create(DockerCliImageBuilderOptions options)
    {
        var home = Directory.CreateTempSubdirectory("refreshbot-docker-home-").FullName;
        var host = options.DockerHost ?? Environment.GetEnvironmentVariable("DOCKER_HOST");
        var remote = RemoteBuilderVariables
            .Select(name => (name, value: Environment.GetEnvironmentVariable(name)))
            .Where(v => !string.IsNullOrEmpty(v.value))
            .ToDictionary(v => v.name, v => v.value!, StringComparer.Ordinal);
        return new BuildEnvironment(home, string.IsNullOrEmpty(host) ? null : host, remote);
    }

    public void ApplyTo(ProcessStartInfo start)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/bin:/usr/bin:/bin";
        start.Environment.Clear();
        start.Environment["PATH"] = path;
        start.Environment["HOME"] = Home;
        start.Environment["DOCKER_CONFIG"] = Path.Combine(Home, ".docker");
        start.Environment["DOCKER_BUILDKIT"] = "0";
        if (DockerHost is not null)
        {
            start.Environment["DOCKER_HOST"] = DockerHost;
            foreach (var (name, value) in _remote)
            {
                start.Environment[name] = value;
            }
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Home, recursive: true);
        }
        catch (IOException)
        {
            // A leftover empty temp directory is harmless.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

using System.Diagnostics;

namespace RefreshBot.Adapters.Docker;

/// <summary>
/// The environment of every docker CLI process the builder starts: cleared, then only <c>PATH</c>, a private
/// empty <c>HOME</c> (so the bot's <c>~/.docker/config.json</c> — registry credentials, proxies, contexts — is not
/// used), <c>DOCKER_HOST</c> when configured and <c>DOCKER_BUILDKIT=0</c>. A build can therefore pull only what
/// needs no credentials; none of the bot's variables (tokens, keys) reach the CLI or the build.
/// </summary>
internal sealed class BuildEnvironment : IDisposable
{
    private BuildEnvironment(string home, string? dockerHost)
    {
        Home = home;
        DockerHost = dockerHost;
    }

    /// <summary>The private HOME directory (deleted on dispose).</summary>
    public string Home { get; }

    public string? DockerHost { get; }

    public static BuildEnvironment Create(DockerCliImageBuilderOptions options)
    {
        var home = Directory.CreateTempSubdirectory("refreshbot-docker-home-").FullName;
        var host = options.DockerHost ?? Environment.GetEnvironmentVariable("DOCKER_HOST");
        return new BuildEnvironment(home, string.IsNullOrEmpty(host) ? null : host);
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

namespace RefreshBot.Adapters.Docker;

/// <summary>How <see cref="DockerCliImageBuilder"/> runs the <c>docker</c> CLI.</summary>
public sealed class DockerCliImageBuilderOptions
{
    /// <summary>The docker CLI: a name found on PATH or an absolute path.</summary>
    public string Executable { get; init; } = "docker";

    /// <summary>
    /// Daemon address passed as <c>DOCKER_HOST</c>; null uses the bot's own <c>DOCKER_HOST</c> when set, else the CLI default.
    /// </summary>
    public string? DockerHost { get; init; }

    /// <summary>How many lines of build output the result keeps.</summary>
    public int LogTailLines { get; init; } = 60;

    /// <summary>Longest kept line; longer lines are cut and marked with <c>…</c>.</summary>
    public int LogLineMaxChars { get; init; } = 400;

    /// <summary>Timeout of the small commands around a build (<c>image inspect</c>, <c>image rm</c>).</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromSeconds(60);
}

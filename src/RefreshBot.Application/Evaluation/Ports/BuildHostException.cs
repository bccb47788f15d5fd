namespace RefreshBot.Application.Evaluation.Ports;

/// <summary>What went wrong with the build host (the Docker daemon), as opposed to the build itself.</summary>
public enum BuildHostFailure
{
    /// <summary>No daemon answers at the configured address.</summary>
    Unreachable,

    /// <summary>The daemon went away while the build ran (killed, restarted, connection cut).</summary>
    ConnectionLost,

    /// <summary>The build host's disk is full (<c>no space left on device</c>).</summary>
    DiskFull,
}

/// <summary>
/// The build host failed, not the build: a transient infrastructure failure. Thrown by an <see cref="IImageBuilder"/>
/// instead of returning a failed <see cref="BuildResult"/>, so the repository's run fails with this reason and no pull
/// request is opened or updated on the basis of that build (a genuine step failure stays a failed result). The
/// message names the daemon address at most, never a credential.
/// </summary>
public sealed class BuildHostException(BuildHostFailure failure, string message, Exception? inner = null) : Exception(message, inner)
{
    public BuildHostFailure Failure { get; } = failure;
}

namespace RefreshBot.Application.Evaluation.Ports;

/// <summary>
/// Builds an image from a build context (first implementation: the docker CLI, Adapters/Docker).
/// CONTRACT (issue 4; members may be added). The build gets none of the bot's credentials or environment.
/// </summary>
public interface IImageBuilder
{
    Task<BuildResult> BuildAsync(BuildRequest request, CancellationToken cancellationToken);

    /// <summary>Removes images this builder made (by id); never fails the caller.</summary>
    Task RemoveAsync(IReadOnlyList<string> imageIds, CancellationToken cancellationToken);
}

/// <param name="ContextDirectory">Build context (a clean checkout).</param>
/// <param name="Dockerfile">Dockerfile path relative to the context.</param>
/// <param name="BuildArgs">Build args (from config only).</param>
/// <param name="Platform">Target platform, e.g. <c>linux/amd64</c>, or null for the daemon's.</param>
/// <param name="Timeout">The build is killed after this.</param>
/// <param name="MemoryBytes">Memory limit of build containers, or null.</param>
/// <param name="Network">Network mode (<c>default</c>, <c>none</c>, <c>host</c>), or null.</param>
/// <param name="Secrets">Values to redact from the kept log tail.</param>
/// <param name="Cpus">CPU limit of build containers in cores, or null.</param>
public sealed record BuildRequest(
    string ContextDirectory,
    string Dockerfile,
    IReadOnlyDictionary<string, string> BuildArgs,
    string? Platform,
    TimeSpan Timeout,
    long? MemoryBytes,
    string? Network,
    IReadOnlyList<string> Secrets,
    double? Cpus = null);

/// <param name="Succeeded">The build exited 0 and produced an image id.</param>
/// <param name="ImageId">Image id (<c>sha256:…</c>) when it succeeded.</param>
/// <param name="SizeBytes">Image size when it succeeded.</param>
/// <param name="LogTail">Last lines of the build output, secrets redacted.</param>
/// <param name="FailedStep">The step that failed (e.g. <c>Step 3/5 : RUN make</c>), when it failed.</param>
public sealed record BuildResult(
    bool Succeeded,
    string? ImageId,
    long? SizeBytes,
    TimeSpan Duration,
    string LogTail,
    string? FailedStep)
{
    /// <summary>Why it failed, one line (e.g. <c>The command '/bin/sh -c false' returned a non-zero code: 1</c>, or <c>timed out after 600 s</c>), secrets redacted.</summary>
    public string? Error { get; init; }

    /// <summary>The build was killed because it ran longer than <see cref="BuildRequest.Timeout"/>.</summary>
    public bool TimedOut { get; init; }

    /// <summary>The builder could not run at all (it threw) — unlike a build that ran and failed, says nothing about the image.</summary>
    public bool BuilderFailed { get; init; }

    /// <summary>The builder's id of this build (the <c>refreshbot.build</c> label of the image), for logs and cleanup.</summary>
    public string? BuildId { get; init; }
}

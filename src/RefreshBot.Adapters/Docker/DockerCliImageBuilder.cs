using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RefreshBot.Application.Evaluation.Ports;

namespace RefreshBot.Adapters.Docker;

/// <summary>
/// <see cref="IImageBuilder"/> over the <c>docker</c> CLI with the legacy builder (<c>DOCKER_BUILDKIT=0</c>):
/// <c>docker build --pull --force-rm --iidfile … --label refreshbot.build=&lt;id&gt;</c>, in a cleared environment with a
/// private HOME (see <see cref="BuildEnvironment"/>: the build can use no registry credentials at all).
/// On timeout the CLI's process tree is killed; the daemon then cancels the build and kills and removes the
/// running step's container (legacy builder behaviour, checked by the tests). Intermediate images of a failed or
/// timed-out build are removed at once; a successful build's image is removed by <see cref="RemoveAsync"/>.
/// A failure of the build host — daemon unreachable, connection lost, disk full (<see cref="BuildHostProblem"/>, or
/// a daemon that no longer answers after a failed build) — throws <see cref="BuildHostException"/> instead of
/// returning a failed result: it says nothing about the Dockerfile.
/// </summary>
public sealed partial class DockerCliImageBuilder(
    DockerCliImageBuilderOptions options, TimeProvider time, ILogger<DockerCliImageBuilder> logger) : IImageBuilder
{
    public DockerCliImageBuilder(DockerCliImageBuilderOptions? options = null)
        : this(options ?? new DockerCliImageBuilderOptions(), TimeProvider.System, NullLogger<DockerCliImageBuilder>.Instance)
    {
    }

    public async Task<BuildResult> BuildAsync(BuildRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var buildId = "rb-" + Guid.NewGuid().ToString("N")[..20];
        using var environment = BuildEnvironment.Create(options);
        await RemoveAsync([], environment, cancellationToken);
        var imageIdFile = Path.Combine(environment.Home, "image-id");
        var arguments = BuildCommand.Arguments(request, buildId, imageIdFile);
        var log = new BuildLog(request.Secrets, options.LogTailLines, options.LogLineMaxChars);
        LogBuildStarted(buildId, request.Dockerfile);

        var started = time.GetTimestamp();
        DockerExit exit;
        try
        {
            exit = await DockerProcess.RunAsync(
                options.Executable, arguments, environment, request.ContextDirectory, log.ReadLineChars, log.Add, request.Timeout, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            await RemoveIntermediatesAsync(log, environment);
            throw;
        }

        var duration = time.GetElapsedTime(started);
        if (exit.TimedOut)
        {
            var seconds = request.Timeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
            LogBuildTimedOut(buildId, request.Timeout.TotalSeconds);
            log.Note($"build timed out after {seconds} s; the docker CLI was killed");
            await RemoveIntermediatesAsync(log, environment);
            return Failed(log, duration, buildId, $"timed out after {seconds} s", timedOut: true);
        }

        var imageId = exit.Succeeded ? await ReadImageIdAsync(imageIdFile, cancellationToken) : null;
        if (imageId is null && (log.HostProblem ?? await ProbeDaemonAsync(environment, cancellationToken)) is { } problem)
        {
            var reason = log.Redact(problem.Describe(environment.DockerHost, request.Dockerfile));
            LogBuildHostFailed(buildId, reason);
            await RemoveIntermediatesAsync(log, environment);
            throw new BuildHostException(problem.Failure, reason);
        }

        if (imageId is null)
        {
            LogBuildFailed(buildId, exit.ExitCode, log.LastStep);
            await RemoveIntermediatesAsync(log, environment);
            var error = log.LastError ?? $"docker build exited with code {exit.ExitCode}" + (exit.Succeeded ? " but wrote no image id" : "");
            return Failed(log, duration, buildId, error, timedOut: false);
        }

        var size = await InspectSizeAsync(imageId, environment, cancellationToken);
        LogBuildSucceeded(buildId, imageId, (long)duration.TotalMilliseconds);
        return new BuildResult(true, imageId, size, duration, log.Tail(), null) { BuildId = buildId };
    }

    public async Task RemoveAsync(IReadOnlyList<string> imageIds, CancellationToken cancellationToken)
    {
        using var environment = BuildEnvironment.Create(options);
        await RemoveAsync(imageIds, environment, cancellationToken);
    }

    /// <summary>
    /// <c>docker image rm --force</c> of the ids and of those an earlier removal could not reach; when the daemon does
    /// not answer, all of them are kept for the next build or removal (<see cref="PendingRemovals"/>).
    /// </summary>
    private async Task RemoveAsync(IReadOnlyList<string> imageIds, BuildEnvironment environment, CancellationToken cancellationToken)
    {
        var ids = imageIds.Concat(PendingRemovals.Take(environment.DockerHost))
            .Where(i => !string.IsNullOrWhiteSpace(i)).Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count == 0)
        {
            return;
        }

        try
        {
            var unreachable = false;
            var exit = await DockerProcess.RunAsync(
                options.Executable, ["image", "rm", "--force", .. ids], environment, null, 400,
                line => unreachable |= line.IsError && BuildHostProblem.Classify(line.Text, true, started: false) is { Failure: not BuildHostFailure.DiskFull },
                options.CommandTimeout, cancellationToken);
            if (unreachable || exit.TimedOut)
            {
                PendingRemovals.Add(environment.DockerHost, ids);
                LogRemovalPostponed(string.Join(' ', ids));
            }
            else if (!exit.Succeeded)
            {
                // Typically "No such image" for one already removed; the others are removed anyway.
                LogRemoveFailed(string.Join(' ', ids), exit.ExitCode);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            PendingRemovals.Add(environment.DockerHost, ids);
            LogRemoveError(e);
        }
    }

    /// <summary>
    /// After a failed build whose output blamed nothing: asks the daemon for its version. No answer means it went away
    /// during the build (e.g. stopped with SIGTERM, which kills the running step like a failing command would).
    /// </summary>
    private async Task<BuildHostProblem?> ProbeDaemonAsync(BuildEnvironment environment, CancellationToken cancellationToken)
    {
        string? error = null;
        var exit = await DockerProcess.RunAsync(
            options.Executable, ["version", "--format", "{{.Server.Version}}"], environment, null, 400,
            line => { if (line.IsError && line.Text.Trim().Length > 0) { error ??= line.Text.Trim(); } }, TimeSpan.FromSeconds(20), cancellationToken);
        if (exit.Succeeded)
        {
            return null;
        }

        var detail = "the daemon did not answer after the build failed" + (error is null ? "" : ": " + error);
        return new BuildHostProblem(BuildHostFailure.ConnectionLost, detail);
    }

    private static BuildResult Failed(BuildLog log, TimeSpan duration, string buildId, string error, bool timedOut) =>
        new(false, null, null, duration, log.Tail(), log.LastStep)
        {
            Error = log.Redact(error),
            TimedOut = timedOut,
            BuildId = buildId,
        };

    private static async Task<string?> ReadImageIdAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var text = (await File.ReadAllTextAsync(path, cancellationToken)).Trim();
        return text.StartsWith("sha256:", StringComparison.Ordinal) ? text : null;
    }

    private async Task<long?> InspectSizeAsync(string imageId, BuildEnvironment environment, CancellationToken cancellationToken)
    {
        var output = new List<string>();
        var exit = await DockerProcess.RunAsync(
            options.Executable, ["image", "inspect", "--format", "{{.Size}}", imageId], environment, null, 200,
            line => { if (!line.IsError) { output.Add(line.Text); } }, options.CommandTimeout, cancellationToken);
        return exit.Succeeded && output.Count > 0 && long.TryParse(output[0].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var size)
            ? size
            : null;
    }

    // Newest first: removing an untagged image also prunes its untagged parents. Never forced, so an image another
    // build or a container still uses is kept (the daemon refuses), and FROM bases are not in the list at all.
    private async Task RemoveIntermediatesAsync(BuildLog log, BuildEnvironment environment)
    {
        if (log.IntermediateImages.Count == 0)
        {
            return;
        }

        try
        {
            await RunQuietAsync(["image", "rm", .. log.IntermediateImages.Reverse()], environment, CancellationToken.None);
        }
        catch (Exception e)
        {
            LogRemoveError(e);
        }
    }

    private Task<DockerExit> RunQuietAsync(IReadOnlyList<string> arguments, BuildEnvironment environment, CancellationToken cancellationToken) =>
        DockerProcess.RunAsync(options.Executable, arguments, environment, null, 200, _ => { }, options.CommandTimeout, cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Build {BuildId} of {Dockerfile} started")]
    private partial void LogBuildStarted(string buildId, string dockerfile);

    [LoggerMessage(Level = LogLevel.Information, Message = "Build {BuildId} produced {ImageId} in {DurationMs} ms")]
    private partial void LogBuildSucceeded(string buildId, string imageId, long durationMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Build {BuildId} failed with exit code {ExitCode} at {FailedStep}")]
    private partial void LogBuildFailed(string buildId, int? exitCode, string? failedStep);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Build {BuildId} timed out after {TimeoutSeconds} s; docker CLI killed")]
    private partial void LogBuildTimedOut(string buildId, double timeoutSeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Build {BuildId}: the build host failed, not the build: {Reason}")]
    private partial void LogBuildHostFailed(string buildId, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "docker image rm {Images} exited with code {ExitCode}")]
    private partial void LogRemoveFailed(string images, int? exitCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Docker daemon did not answer; removing {Images} is retried before the next build")]
    private partial void LogRemovalPostponed(string images);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Removing built images failed")]
    private partial void LogRemoveError(Exception exception);
}

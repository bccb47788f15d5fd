using Microsoft.Extensions.Logging;
using RefreshBot.Application.Evaluation.Context;
using RefreshBot.Application.Evaluation.Ports;
using RefreshBot.Domain.Packages;
using RefreshBot.Domain.Vulnerabilities.Delta;
using RefreshBot.Domain.Vulnerabilities.Matching;

namespace RefreshBot.Application.Evaluation;

/// <summary>
/// Builds and scans one proposal: copy the target-branch checkout (no <c>.git</c>, size-capped) → build each changed
/// Dockerfile as it is → write the rewritten Dockerfiles into the copy → build each again (<c>--pull</c>) → read the
/// installed packages of both images → match advisories (when a source is configured) → package and advisory delta →
/// the "Build and scan" Markdown → remove the images. Bounded (timeouts from <see cref="EvaluationOptions"/>) and
/// failure-isolated: a builder, inspector or vulnerability-source failure is a line in the section, never an exception —
/// except a <see cref="BuildHostException"/> (daemon unreachable, connection lost, disk full): the build says nothing about
/// the new base, so it propagates and the repository's run fails before anything is published.
/// When an <see cref="IImageVulnerabilityScanner"/> is given, it scans the built images instead of the source matching inventories.
/// </summary>
public sealed partial class ChangeEvaluator(
    IImageBuilder builder,
    IImageInspector inspector,
    IVulnerabilitySource? vulnerabilities,
    EvaluationOptions options,
    ILogger<ChangeEvaluator> logger,
    IImageVulnerabilityScanner? scanner = null)
{
    public EvaluationOptions Options => options;

    /// <param name="checkoutDirectory">The target branch's checkout (read only).</param>
    /// <param name="rewritten">Changed Dockerfiles (relative path → new text).</param>
    /// <param name="buildArgs">The repository's build args (the same ones its Dockerfiles were resolved with).</param>
    public async Task<ChangeEvaluation> EvaluateAsync(
        string checkoutDirectory, IReadOnlyDictionary<string, string> rewritten, IReadOnlyDictionary<string, string> buildArgs,
        CancellationToken cancellationToken)
    {
        var paths = rewritten.Keys.Order(StringComparer.Ordinal).ToList();
        BuildContextCopy context;
        try
        {
            context = BuildContextCopy.Create(checkoutDirectory, options.MaxContextBytes, cancellationToken);
        }
        catch (Exception e) when (e is BuildContextTooLargeException or IOException or UnauthorizedAccessException)
        {
            LogNotBuilt(logger, checkoutDirectory, e.Message);
            var problem = "not built: " + e.Message;
            return Finish(paths.Select(p => new DockerfileEvaluation(p, null, null, null, [], problem)).ToList());
        }

        using (context)
        {
            var images = new List<string>();
            try
            {
                var old = new Dictionary<string, BuildResult?>(StringComparer.Ordinal);
                foreach (var path in paths)
                {
                    old[path] = await BuildAsync(context.Directory, path, buildArgs, images, cancellationToken).ConfigureAwait(false);
                }

                context.Write(rewritten);
                var results = new List<DockerfileEvaluation>();
                foreach (var path in paths)
                {
                    var @new = await BuildAsync(context.Directory, path, buildArgs, images, cancellationToken).ConfigureAwait(false);
                    results.Add(await ScanAsync(path, old[path], @new, cancellationToken).ConfigureAwait(false));
                }

                return Finish(results);
            }
            finally
            {
                if (images.Count > 0)
                {
                    await builder.RemoveAsync(images, CancellationToken.None).ConfigureAwait(false);
                }
            }
        }
    }

    private static ChangeEvaluation Finish(IReadOnlyList<DockerfileEvaluation> results) => new(EvaluationMarkdown.Render(results), results);

    private async Task<BuildResult?> BuildAsync(
        string directory, string dockerfile, IReadOnlyDictionary<string, string> buildArgs, List<string> images, CancellationToken cancellationToken)
    {
        var request = new BuildRequest(
            directory, dockerfile, buildArgs, null, options.BuildTimeout, options.MemoryBytes,
            options.Network, options.Secrets ?? [], options.Cpus);
        try
        {
            var result = await builder.BuildAsync(request, cancellationToken).ConfigureAwait(false);
            if (result.ImageId is { } id)
            {
                images.Add(id);
            }

            LogBuilt(logger, dockerfile, result.Succeeded, result.Duration.TotalSeconds);
            return result;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is not OutOfMemoryException and not BuildHostException)
        {
            LogBuilderFailed(logger, dockerfile, e.Message);
            return new BuildResult(false, null, null, TimeSpan.Zero, "", null) { Error = "the builder failed: " + e.Message, BuilderFailed = true };
        }
    }

    private async Task<DockerfileEvaluation> ScanAsync(string path, BuildResult? old, BuildResult? @new, CancellationToken cancellationToken)
    {
        if (old is not { Succeeded: true, ImageId: { } oldId } || @new is not { Succeeded: true, ImageId: { } newId })
        {
            return new DockerfileEvaluation(path, old, @new, null, []) { Transient = old is { BuilderFailed: true } || @new is { BuilderFailed: true } };
        }

        var notes = new List<string>();
        var oldInventory = await InspectAsync(oldId, "old image", notes, cancellationToken).ConfigureAwait(false);
        var newInventory = await InspectAsync(newId, "new image", notes, cancellationToken).ConfigureAwait(false);
        if (oldInventory is null || newInventory is null)
        {
            return new DockerfileEvaluation(path, old, @new, null, notes) { Transient = true };
        }

        var oldFindings = await FindAsync(oldInventory, oldId, "old image", notes, cancellationToken).ConfigureAwait(false);
        var newFindings = await FindAsync(newInventory, newId, "new image", notes, cancellationToken).ConfigureAwait(false);
        if (vulnerabilities is null && scanner is null)
        {
            notes.Add("no vulnerability data configured (vulnerabilities.osvDirectory, osvApi or scanner): packages only");
        }

        var delta = ScanDelta.Compute(oldInventory, oldFindings ?? [], newInventory, newFindings ?? []);
        if (oldFindings is null || newFindings is null)
        {
            delta = delta with { Fixed = [], Introduced = [], Remaining = [] };
        }

        return new DockerfileEvaluation(path, old, @new, delta, notes)
        {
            OldInventory = oldInventory, NewInventory = newInventory, Transient = oldFindings is null || newFindings is null,
        };
    }


    private async Task<PackageInventory?> InspectAsync(string imageId, string which, List<string> notes, CancellationToken cancellationToken)
    {
        try
        {
            var inventory = await inspector.InspectLocalAsync(imageId, cancellationToken).ConfigureAwait(false);
            notes.AddRange(inventory.Problems.Select(p => $"{which}: {p}"));
            return inventory;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is not OutOfMemoryException)
        {
            LogInspectionFailed(logger, imageId, e.Message);
            notes.Add($"{which}: packages not read: {e.Message}");
            return null;
        }
    }

    private async Task<IReadOnlyList<VulnerabilityFinding>?> FindAsync(
        PackageInventory inventory, string imageId, string which, List<string> notes, CancellationToken cancellationToken)
    {
        if (scanner is null && vulnerabilities is null)
        {
            return [];
        }

        try
        {
            return scanner is not null
                ? await scanner.ScanAsync(imageId, cancellationToken).ConfigureAwait(false)
                : await vulnerabilities!.FindAsync(inventory, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is not OutOfMemoryException)
        {
            LogVulnerabilitiesFailed(logger, e.Message);
            notes.Add($"{which}: vulnerabilities not matched: {e.Message}");
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Checkout}: not built: {Reason}")]
    private static partial void LogNotBuilt(ILogger logger, string checkout, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Dockerfile}: built (succeeded: {Succeeded}) in {Seconds:0.0} s")]
    private static partial void LogBuilt(ILogger logger, string dockerfile, bool succeeded, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Dockerfile}: the builder failed: {Reason}")]
    private static partial void LogBuilderFailed(ILogger logger, string dockerfile, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Image}: packages not read: {Reason}")]
    private static partial void LogInspectionFailed(ILogger logger, string image, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "vulnerabilities not matched: {Reason}")]
    private static partial void LogVulnerabilitiesFailed(ILogger logger, string reason);
}

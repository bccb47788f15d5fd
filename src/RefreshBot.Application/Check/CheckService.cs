using Microsoft.Extensions.Logging;
using RefreshBot.Application.Check.Ports;
using RefreshBot.Application.Ports;
using RefreshBot.Domain.Detection;
using RefreshBot.Domain.Dockerfiles;
using RefreshBot.Domain.Platforms;
using RefreshBot.Domain.References;

namespace RefreshBot.Application.Check;

/// <summary>
/// <c>refreshbot check</c>, as a data flow:
/// find Dockerfiles → read → extract image uses (ARGs expanded) → parse references → resolve against the
/// registries (one lookup per unique image:tag, memoized across every Dockerfile) → decide → report.
/// One bad Dockerfile or image never stops the rest: it becomes a diagnostic or an <c>error</c> verdict.
/// </summary>
public sealed partial class CheckService(
    IDockerfileSource dockerfiles, IRegistryClient registry, IManifestCache cache, ILogger<CheckService> logger)
{
    public async Task<CheckReport> CheckAsync(CheckRequest request, CancellationToken cancellationToken)
    {
        var paths = await dockerfiles.FindAsync(request.Root, cancellationToken).ConfigureAwait(false);
        LogFound(logger, paths.Count, request.Root);

        var lookups = new RegistryLookups(registry, cache, request.MaxConcurrentRequests);
        var checkedFiles = await Task.WhenAll(
            paths.Select(path => CheckDockerfileAsync(request, path, lookups, cancellationToken))).ConfigureAwait(false);

        // Second look, once every request is done: an unpinned multi-arch tag reports its platform manifest
        // when some other reference made the check fetch that index anyway (never fetched just for this).
        var report = new CheckReport(checkedFiles.Select(f => f.Complete(lookups)).ToList());
        LogSummary(logger, report.Count(FreshnessStatus.Outdated), report.Count(FreshnessStatus.Unpinned), report.Count(FreshnessStatus.Error));
        return report;
    }

    private async Task<CheckedDockerfile> CheckDockerfileAsync(CheckRequest request, string path, RegistryLookups lookups, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            text = await dockerfiles.ReadAsync(request.Root, path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogUnreadable(logger, path, e.Message);
            return new CheckedDockerfile(path, [], [new DockerfileDiagnostic(path, 0, "cannot read: " + e.Message)]);
        }

        var extracted = DockerfileImages.Extract(path, text, request.BuildArgs);
        var images = await Task.WhenAll(
            extracted.Images.Select(use => CheckImageAsync(request, path, use, lookups, cancellationToken))).ConfigureAwait(false);
        return new CheckedDockerfile(path, images, extracted.Diagnostics);
    }

    private async Task<CheckedImage> CheckImageAsync(CheckRequest request, string path, ImageUsage use, RegistryLookups lookups, CancellationToken cancellationToken)
    {
        if (use.SkipReason is not null || use.Reference is null)
        {
            return CheckedImage.Final(use, null, null, Freshness.Skipped(use.SkipReason ?? "no image reference"));
        }

        if (!ImageReference.TryParse(use.Reference, out var reference, out var parseError) || reference is null)
        {
            return CheckedImage.Final(use, null, null, Freshness.Error($"{path}:{use.Line}: invalid image reference '{use.Reference}': {parseError}"));
        }

        if (!FreshnessResolver.TryReadOwnPlatform(use.Platform, out var own))
        {
            return CheckedImage.Final(use, reference, null, Freshness.Error($"{path}:{use.Line}: invalid --platform '{use.Platform}'", reference.Digest));
        }

        var platform = own ?? request.DefaultPlatform;
        try
        {
            var resolved = await FreshnessResolver.ResolveAsync(reference, platform, lookups, cancellationToken).ConfigureAwait(false);
            return new CheckedImage(use, reference, platform, resolved.Verdict, resolved.Evidence);
        }
        catch (RegistryException e)
        {
            LogRegistryFailure(logger, path, use.Line, reference.ToString(), e.Kind, e.Message);
            return new CheckedImage(use, reference, platform, Freshness.Error($"registry error ({KindName(e.Kind)}): {e.Message}", reference.Digest), FreshnessEvidence.None);
        }
    }

    private static string KindName(RegistryErrorKind kind) => kind switch
    {
        RegistryErrorKind.NotFound => "not found",
        _ => kind.ToString().ToLowerInvariant(),
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Found {Count} Dockerfiles under {Root}")]
    private static partial void LogFound(ILogger logger, int count, string root);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot read {Dockerfile}: {Problem}")]
    private static partial void LogUnreadable(ILogger logger, string dockerfile, string problem);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Dockerfile}:{Line}: {Image}: registry failure ({Kind}): {Problem}")]
    private static partial void LogRegistryFailure(ILogger logger, string dockerfile, int line, string image, RegistryErrorKind kind, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "Check done: {Outdated} outdated, {Unpinned} unpinned, {Errors} errors")]
    private static partial void LogSummary(ILogger logger, int outdated, int unpinned, int errors);
}

using RefreshBot.Application.Check;
using RefreshBot.Application.Check.Ports;
using RefreshBot.Application.Fleet;
using RefreshBot.Domain.Detection;
using RefreshBot.Domain.Dockerfiles;
using RefreshBot.Domain.Platforms;
using RefreshBot.Domain.References;

namespace RefreshBot.Application.Refresh.Scanning;

/// <summary>
/// Find Dockerfiles (default names, narrowed by the repository's globs) → extract (its build args) → resolve every
/// reference for every platform the repository builds, through the cycle's shared <see cref="RegistryLookups"/>.
/// A registry failure propagates (<see cref="Ports.RegistryException"/>): a repository is never proposed half-resolved.
/// </summary>
public sealed class DockerfileScan(IDockerfileSource dockerfiles)
{
    public async Task<IReadOnlyList<ScannedDockerfile>> ScanAsync(
        TrackedRepository repository, string root, RegistryLookups lookups, CancellationToken cancellationToken)
    {
        var paths = await FindAsync(repository, root, cancellationToken).ConfigureAwait(false);
        var scanned = new List<ScannedDockerfile>();
        foreach (var path in paths)
        {
            var text = await dockerfiles.ReadAsync(root, path, cancellationToken).ConfigureAwait(false);
            var report = DockerfileImages.Extract(path, text, repository.BuildArgs);
            var findings = await Task.WhenAll(report.Images.Select(use => FindAsync(repository, use, lookups, cancellationToken))).ConfigureAwait(false);
            scanned.Add(new ScannedDockerfile(path, text, report, findings));
        }

        return scanned;
    }

    /// <summary>The default Dockerfile names everywhere, or — when globs are configured — every file they match, whatever its name.</summary>
    private Task<IReadOnlyList<string>> FindAsync(TrackedRepository repository, string root, CancellationToken cancellationToken)
    {
        if (repository.DockerfileGlobs.Count == 0)
        {
            return dockerfiles.FindAsync(root, cancellationToken);
        }

        var globs = repository.DockerfileGlobs.Select(DockerfileGlob.Parse).ToList();
        return dockerfiles.FindMatchingAsync(root, path => globs.Any(g => g.Matches(path)), cancellationToken);
    }

    private static async Task<ImageFinding> FindAsync(TrackedRepository repository, ImageUsage use, RegistryLookups lookups, CancellationToken cancellationToken)
    {
        if (use.SkipReason is not null || use.Reference is null)
        {
            return new ImageFinding(use, null, [], FreshnessStatus.Skipped, null, use.SkipReason ?? "no image reference");
        }

        if (!ImageReference.TryParse(use.Reference, out var reference, out var problem) || reference is null)
        {
            return new ImageFinding(use, null, [], FreshnessStatus.Error, null, problem);
        }

        if (!FreshnessResolver.TryReadOwnPlatform(use.Platform, out var own))
        {
            return new ImageFinding(use, reference, [], FreshnessStatus.Error, null, $"invalid --platform '{use.Platform}'");
        }

        IReadOnlyList<Platform> platforms = own is null ? repository.Platforms : [own];
        var verdicts = new List<(Platform, Freshness)>();
        foreach (var platform in platforms)
        {
            var resolved = await FreshnessResolver.ResolveAsync(reference, platform, lookups, cancellationToken).ConfigureAwait(false);
            verdicts.Add((platform, resolved.Verdict));
        }

        return ImageFinding.Combine(use, reference, verdicts);
    }
}

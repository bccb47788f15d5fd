using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using RefreshBot.Application.Refresh.Ports;
using RefreshBot.Application.Refresh.Scanning;

namespace RefreshBot.Application.Fleet.Discovery;

/// <summary>
/// Discovery: for each source, list its repositories → skip archived and forks (unless asked) → include/exclude globs
/// on <c>owner/name</c> → skip those configured explicitly (the explicit entry and its settings win) → keep only those
/// whose default (or configured) branch has a Dockerfile their globs select (one file-list request each, a few at a time;
/// a truncated list keeps the repository and lets the refresh decide). A source that fails is reported with its
/// request and never stops the others, nor the configured repositories.
/// </summary>
/// <param name="isDefaultDockerfile">Whether a file name (no folder) is a Dockerfile by name, for repositories without globs.</param>
public sealed partial class FleetDiscovery(IRepositoryDirectory directory, Func<string, bool> isDefaultDockerfile, ILogger<FleetDiscovery> logger)
{
    /// <summary>File lists requested at once.</summary>
    public const int MaxConcurrentFileLists = 8;

    private static readonly string[] SkippedFolders = ["node_modules", ".git"];

    public async Task<FleetDiscoveryResult> DiscoverAsync(
        IReadOnlyList<TrackedRepository> configured, IReadOnlyList<DiscoverySource> sources, CancellationToken cancellationToken)
    {
        if (sources.Count == 0)
        {
            return FleetDiscoveryResult.ConfiguredOnly(configured);
        }

        var taken = new HashSet<string>(configured.Select(r => r.Id), StringComparer.OrdinalIgnoreCase);
        var discovered = new List<TrackedRepository>();
        var failures = new List<DiscoveryFailure>();
        var counts = new List<DiscoveryCounts>();
        foreach (var source in sources)
        {
            IReadOnlyList<ListedRepository> listed;
            try
            {
                listed = await directory.ListAsync(source.Scope, cancellationToken).ConfigureAwait(false);
            }
            catch (CodeHostException e)
            {
                failures.Add(new DiscoveryFailure(source.ToString(), null, e.Request, Problem(e)));
                LogSourceFailed(logger, source.ToString(), e.Request, Problem(e));
                continue;
            }

            var (kept, count) = await FilterAsync(source, listed, taken, failures, cancellationToken).ConfigureAwait(false);
            foreach (var repository in kept)
            {
                taken.Add(repository.Id);
            }

            discovered.AddRange(kept);
            counts.Add(count);
            LogSource(logger, source.ToString(), count.Listed, count.Kept, count.Archived, count.Forks, count.Filtered, count.Configured, count.WithoutDockerfiles);
        }

        return new FleetDiscoveryResult([.. configured, .. discovered], discovered, failures, counts);
    }

    private async Task<(IReadOnlyList<TrackedRepository> Kept, DiscoveryCounts Counts)> FilterAsync(
        DiscoverySource source, IReadOnlyList<ListedRepository> listed, HashSet<string> taken, List<DiscoveryFailure> failures,
        CancellationToken cancellationToken)
    {
        var include = source.Include.Select(Glob).ToList();
        var exclude = source.Exclude.Select(Glob).ToList();
        int archived = 0, forks = 0, filtered = 0, configured = 0;
        var candidates = new List<ListedRepository>();
        foreach (var repository in listed.DistinctBy(r => r.FullName, StringComparer.OrdinalIgnoreCase))
        {
            var name = repository.FullName.ToLowerInvariant();
            if (repository.Archived && !source.Archived)
            {
                archived++;
            }
            else if (repository.Fork && !source.Forks)
            {
                forks++;
            }
            else if ((include.Count > 0 && !include.Any(g => g.Matches(name))) || exclude.Any(g => g.Matches(name)))
            {
                filtered++;
            }
            else if (taken.Contains(repository.FullName))
            {
                configured++;
            }
            else
            {
                candidates.Add(repository);
            }
        }

        var globs = source.Template.DockerfileGlobs.Select(DockerfileGlob.Parse).ToList();
        var withDockerfiles = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        var fileFailures = new ConcurrentQueue<DiscoveryFailure>();
        await Parallel.ForEachAsync(
            candidates,
            new ParallelOptions { MaxDegreeOfParallelism = MaxConcurrentFileLists, CancellationToken = cancellationToken },
            async (repository, token) =>
            {
                var branch = source.Template.Branch ?? repository.DefaultBranch;
                try
                {
                    var files = await directory.FilesAsync(repository, branch, token).ConfigureAwait(false);
                    withDockerfiles[repository.FullName] = files.Truncated || files.Paths.Any(path => Selects(globs, path));
                }
                catch (CodeHostException e) when (e.Kind == CodeHostErrorKind.NotFound)
                {
                    // No such branch, or an empty repository: nothing to refresh.
                    withDockerfiles[repository.FullName] = false;
                }
                catch (CodeHostException e)
                {
                    // Kept: the refresh decides (and reports) what it finds; discovery must not drop a repository on a hiccup.
                    withDockerfiles[repository.FullName] = true;
                    fileFailures.Enqueue(new DiscoveryFailure(source.ToString(), repository.FullName, e.Request, Problem(e)));
                    LogFilesFailed(logger, repository.FullName, e.Request, Problem(e));
                }
            }).ConfigureAwait(false);

        failures.AddRange(fileFailures.OrderBy(f => f.Repository, StringComparer.Ordinal));
        var kept = candidates
            .Where(r => withDockerfiles[r.FullName])
            .OrderBy(r => r.FullName, StringComparer.OrdinalIgnoreCase)
            .Select(r => source.Track(r.Owner, r.Name))
            .ToList();
        return (kept, new DiscoveryCounts(
            source.ToString(), listed.Count, archived, forks, filtered, configured, candidates.Count - kept.Count, kept.Count));
    }

    private bool Selects(IReadOnlyList<DockerfileGlob> globs, string path)
    {
        if (globs.Count > 0)
        {
            return globs.Any(g => g.Matches(path));
        }

        var segments = path.Split('/');
        return !segments.Any(s => SkippedFolders.Contains(s, StringComparer.Ordinal)) && isDefaultDockerfile(segments[^1]);
    }

    private static DockerfileGlob Glob(string pattern) => DockerfileGlob.Parse(pattern.ToLowerInvariant());

    private static string Problem(CodeHostException e) =>
        e.Message.StartsWith(e.Request + ": ", StringComparison.Ordinal) ? e.Message[(e.Request.Length + 2)..] : e.Message;

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Discovery {Source}: {Listed} listed, {Kept} kept; skipped {Archived} archived, {Forks} forks, {Filtered} by globs, {Configured} configured explicitly, {WithoutDockerfiles} without Dockerfiles")]
    private static partial void LogSource(
        ILogger logger, string source, int listed, int kept, int archived, int forks, int filtered, int configured, int withoutDockerfiles);

    [LoggerMessage(Level = LogLevel.Error, Message = "Discovery {Source} failed: {Request}: {Problem}; the configured repositories still run")]
    private static partial void LogSourceFailed(ILogger logger, string source, string request, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discovery: files of {Repository} not listed ({Request}: {Problem}); kept, the refresh decides")]
    private static partial void LogFilesFailed(ILogger logger, string repository, string request, string problem);
}

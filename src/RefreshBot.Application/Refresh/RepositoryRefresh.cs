using Microsoft.Extensions.Logging;
using RefreshBot.Application.Check;
using RefreshBot.Application.Fleet;
using RefreshBot.Application.Refresh.History;
using RefreshBot.Application.Refresh.Planning;
using RefreshBot.Application.Refresh.Ports;
using RefreshBot.Application.Refresh.Publishing;
using RefreshBot.Application.Refresh.Reporting;
using RefreshBot.Application.Refresh.Scanning;
using RefreshBot.Domain.Detection;
using RefreshBot.Domain.Proposals;
using RefreshBot.Domain.Proposals.Decisions;

namespace RefreshBot.Application.Refresh;

/// <summary>
/// One repository's refresh, as a data flow:
/// sync → the repository's own settings file (<see cref="IRepositoryOverrides"/>, when there is one) → find Dockerfiles (globs) → extract (build args) → resolve and decide per platform → policies (ignore list,
/// unpinned pin/report, rewritable) → group → per group: inspect branch + find pull requests → decide → rewrite →
/// publish (commit + push) → create/update the pull request → then close what was superseded or is obsolete → record.
/// Failures propagate as <see cref="WorkspaceException"/>, <see cref="CodeHostException"/> or
/// <see cref="Ports.RegistryException"/>; <see cref="RefreshCycle"/> records them and carries on with the fleet.
/// The images found are recorded in the <see cref="IImageUsageIndex"/> (when there is one; never in a dry run).
/// </summary>
public sealed class RepositoryRefresh(
    IRepositoryWorkspace workspace, DockerfileScan scan, ProposalPublisher publisher, IImageUsageIndex? images = null, IRepositoryOverrides? overrides = null)
{
    public async Task<RepositoryOutcome> RunAsync(
        TrackedRepository repository, ICodeHost codeHost, RegistryLookups lookups, IRefreshHistory history, RefreshOptions options,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        // sync
        var remote = await codeHost.GetRemoteAsync(repository, cancellationToken).ConfigureAwait(false);
        var checkout = await workspace.SyncAsync(repository, remote, cancellationToken).ConfigureAwait(false);

        // the repository's own settings over the fleet's (what the admin allows; an invalid file: the fleet's)
        var own = overrides is null
            ? OverrideResult.None(repository)
            : await overrides.ApplyAsync(repository, checkout.Directory, cancellationToken).ConfigureAwait(false);
        repository = own.Repository;

        // find → extract → resolve and decide per platform
        var dockerfiles = await scan.ScanAsync(repository, checkout.Directory, lookups, cancellationToken).ConfigureAwait(false);
        if (images is not null && !options.DryRun)
        {
            await images.RecordImagesAsync(repository.Id, ImagesInUse(dockerfiles), now, cancellationToken).ConfigureAwait(false);
            await images.RecordDockerfilesAsync(repository.Id, [.. dockerfiles.Select(d => d.Path)], now, cancellationToken).ConfigureAwait(false);
        }

        // policies → edits, with first-seen times from the history
        var firstSeen = await FirstSeenAsync(dockerfiles, history, now, cancellationToken).ConfigureAwait(false);
        var plan = UpdatePolicies.Apply(repository, dockerfiles, f => firstSeen.GetValueOrDefault(Sighting(f)), now);

        // group; an open proposal a soaking digest belongs to is kept as it is until the digest is old enough
        var open = await history.OpenProposalsAsync(repository.Id, cancellationToken).ConfigureAwait(false);
        var held = SoakPeriod.HeldBranches(ToDomain(repository.Grouping), plan.Soaking, open.Select(p => p.Branch));
        var byPath = plan.Updates.ToDictionary(u => u.Update, u => u);
        var groups = ProposalGroups.Partition(ToDomain(repository.Grouping), plan.Updates.Select(u => u.Update))
            .Where(p => !held.Contains(p.Group.Branch))
            .Select(p => new GroupWork(p.Group, p.Updates.Select(u => byPath[u]).ToList()))
            .ToList();

        // outside the PR window, only groups with an open proposal go on (kept up to date); the rest wait
        var (proceed, waiting) = PrWindowGate.Apply(repository.Policy, groups, open.Select(p => p.Branch), now);
        groups = proceed.ToList();

        // per group: decide and carry out
        var context = new GroupContext(
            repository, remote, checkout, codeHost, history, dockerfiles.ToDictionary(d => d.Path, StringComparer.Ordinal), options, now);
        var outcomes = open.Where(p => held.Contains(p.Branch))
            .Select(p => new GroupOutcome(p.Branch, "kept-soaking", p.Number, p.Url, 0, ""))
            .ToList();
        var kept = outcomes.Count;
        foreach (var group in groups)
        {
            outcomes.Add(await publisher.SettleAsync(context, group, [], cancellationToken).ConfigureAwait(false));
        }

        // branches proposed before whose updates are gone from every group: superseded (they moved) or obsolete
        var current = groups.Select(g => g.Group.Branch).Concat(held).ToHashSet(StringComparer.Ordinal);
        foreach (var stale in await history.OpenProposalsAsync(repository.Id, cancellationToken).ConfigureAwait(false))
        {
            if (current.Contains(stale.Branch))
            {
                continue;
            }

            var group = new ProposalGroup(ToDomain(repository.Grouping), stale.Branch, stale.Branch);
            var replacements = await ReplacementsAsync(context, stale, groups, outcomes.Skip(kept).ToList(), cancellationToken).ConfigureAwait(false);
            outcomes.Add(await publisher.SettleAsync(context, new GroupWork(group, []), replacements, cancellationToken).ConfigureAwait(false));
        }

        return new RepositoryOutcome(repository.Id, RepositoryStatus.Succeeded, null, outcomes, [.. plan.LeftAlone, .. waiting])
        {
            Notices = own.Notices,
            Settings = repository,
            Diagnostics = [.. dockerfiles.SelectMany(d => d.Report.Diagnostics)],
        };
    }

    /// <summary>The pull requests now holding any Dockerfile/image of the stale proposal.</summary>
    private static async Task<IReadOnlyList<Replacement>> ReplacementsAsync(
        GroupContext context, RecordedProposal stale, IReadOnlyList<GroupWork> groups, IReadOnlyList<GroupOutcome> outcomes, CancellationToken cancellationToken)
    {
        var found = await context.CodeHost.FindPullRequestsAsync(context.Repository, stale.Branch, cancellationToken).ConfigureAwait(false);
        var old = found.FirstOrDefault(p => p.State == PullRequestState.Open) is { } open ? ProposalTexts.ReadTargets(open.Body) : null;
        if (old is null)
        {
            return [];
        }

        return groups
            .Select((g, i) => (Targets: g.Updates.Select(u => u.Target).ToList(), Outcome: outcomes[i]))
            .Where(g => g.Outcome is { Number: not null, Url: not null } && old.SharesSlotWith(g.Targets))
            .Select(g => new Replacement(g.Outcome.Number!.Value, g.Outcome.Title, g.Outcome.Url!))
            .Distinct()
            .ToList();
    }

    private static async Task<Dictionary<DigestSighting, DateTimeOffset>> FirstSeenAsync(
        IReadOnlyList<ScannedDockerfile> dockerfiles, IRefreshHistory history, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var seen = new Dictionary<DigestSighting, DateTimeOffset>();
        foreach (var finding in dockerfiles.SelectMany(d => d.Findings))
        {
            if (finding.NewDigest is not null && finding.Status is FreshnessStatus.Outdated or FreshnessStatus.Unpinned
                && Sighting(finding) is { } sighting && !seen.ContainsKey(sighting))
            {
                // An unpinned tag is followed: a move since its last recorded digest is recorded as drift.
                seen[sighting] = finding.Status == FreshnessStatus.Unpinned
                    ? (await history.TagSeenAsync(sighting, now, cancellationToken).ConfigureAwait(false)).FirstSeen
                    : await history.DigestSeenAsync(sighting, now, cancellationToken).ConfigureAwait(false);
            }
        }

        return seen;
    }

    /// <summary>Each parsed reference of the scanned Dockerfiles once: normalized name, tag (or null when digest-only), pinned.</summary>
    private static IReadOnlyCollection<ImageInUse> ImagesInUse(IReadOnlyList<ScannedDockerfile> dockerfiles) =>
        dockerfiles.SelectMany(d => d.Findings)
            .Where(f => f.Reference is not null)
            .Select(f => new ImageInUse(f.Reference!.Name, f.Reference.TagOrDefault, f.Reference.Digest is not null))
            .ToHashSet();

    private static DigestSighting Sighting(ImageFinding finding) => new(
        finding.Reference?.Name ?? "",
        finding.Reference?.TagOrDefault ?? "",
        string.Join(",", finding.Platforms),
        finding.NewDigest?.ToString() ?? "");

    private static ProposalGrouping ToDomain(UpdateGrouping grouping) => grouping switch
    {
        UpdateGrouping.Dockerfile => ProposalGrouping.Dockerfile,
        UpdateGrouping.Image => ProposalGrouping.Image,
        _ => ProposalGrouping.Repository,
    };
}

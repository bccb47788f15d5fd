using RefreshBot.Application.Fleet;
using RefreshBot.Application.Refresh.Scanning;
using RefreshBot.Domain.Detection;
using RefreshBot.Domain.Proposals;
using RefreshBot.Domain.Rewriting;

namespace RefreshBot.Application.Refresh.Planning;

/// <summary>
/// Policies over the findings: ignored images are left alone; unpinned references are pinned or only reported;
/// errors, skips and index churn are reported; a digest younger than the soak period is left alone (and listed in
/// <see cref="UpdatePlan.Soaking"/>, so an open proposal of its slot can be kept as it is); then every Dockerfile's edits are tried together with the rewriter, and an edit
/// it refuses (it never guesses) is reported instead of proposed.
/// </summary>
public static class UpdatePolicies
{
    private const string IgnoredReason = "ignored by policy";

    /// <param name="firstSeen">When each proposed digest was first seen (looked up by the caller); null counts as now.</param>
    /// <param name="now">The time of this run, to age digests against the soak period.</param>
    public static UpdatePlan Apply(
        TrackedRepository repository, IReadOnlyList<ScannedDockerfile> dockerfiles, Func<ImageFinding, DateTimeOffset?> firstSeen,
        DateTimeOffset now)
    {
        var updates = new List<PlannedUpdate>();
        var soaking = new List<ProposedUpdate>();
        var left = new List<LeftAlone>();
        var ignored = repository.Policy.IgnoreImages.Select(DockerfileGlob.Parse).ToList();
        foreach (var file in dockerfiles)
        {
            var wanted = new List<(ImageFinding Finding, ReferenceEdit Edit)>();
            foreach (var finding in file.Findings)
            {
                var reason = ReasonToLeaveAlone(repository, finding, ignored);
                if (reason is not null)
                {
                    // Up to date is not reported, except index churn (it has a reason): the index digest moved but
                    // not one platform manifest the repository builds, so nothing is proposed and the report says why.
                    if (finding.Status is not FreshnessStatus.UpToDate || finding.Reason is not null)
                    {
                        left.Add(new LeftAlone(file.Path, finding.Use.Line, finding.Use.Reference, reason) { Kind = KindOf(finding, reason) });
                    }

                    continue;
                }

                var seen = firstSeen(finding);
                if (SoakPeriod.Remaining(repository.Policy, finding.Reference!, seen, now) is { } soak)
                {
                    left.Add(new LeftAlone(file.Path, finding.Use.Line, finding.Use.Reference, soak)
                    {
                        SoakingUntil = (seen ?? now) + repository.Policy.SoakOf(finding.Reference!.Name, finding.Reference.FamiliarName),
                    });
                    soaking.Add(Proposed(file.Path, finding, seen));
                    continue;
                }

                wanted.Add((finding, new ReferenceEdit(finding.Use, finding.NewDigest!.Value)));
            }

            if (wanted.Count == 0)
            {
                continue;
            }

            var rewrite = DockerfileRewriter.Apply(file.Text, file.Report, wanted.Select(w => w.Edit).ToList());
            foreach (var refused in rewrite.Refused)
            {
                left.Add(new LeftAlone(file.Path, refused.Edit.Use.Line, refused.Edit.Use.Reference, "not rewritten: " + refused.Reason)
                {
                    Kind = LeftAloneKind.Failed,
                });
            }

            var applied = rewrite.Applied.ToHashSet();
            foreach (var (finding, edit) in wanted.Where(w => applied.Contains(w.Edit)))
            {
                updates.Add(new PlannedUpdate(Proposed(file.Path, finding, firstSeen(finding)), edit));
            }
        }

        return new UpdatePlan(updates, left) { Soaking = soaking };
    }

    /// <summary>Errors and unreadable references failed; a reference skipped for a reason of its own (digest only) is just skipped.</summary>
    private static LeftAloneKind KindOf(ImageFinding finding, string reason) => finding.Status switch
    {
        FreshnessStatus.Outdated or FreshnessStatus.Unpinned or FreshnessStatus.UpToDate => LeftAloneKind.Pending,
        _ when reason == IgnoredReason => LeftAloneKind.Skipped,
        FreshnessStatus.Error => LeftAloneKind.Failed,
        FreshnessStatus.Skipped when finding.Reference is null => LeftAloneKind.Failed,
        _ => LeftAloneKind.Skipped,
    };

    private static ProposedUpdate Proposed(string dockerfile, ImageFinding finding, DateTimeOffset? firstSeen)
    {
        var reference = finding.Reference!;
        return new ProposedUpdate(
            dockerfile, finding.Use.Line, reference.Name, reference.TagOrDefault, reference.Digest, finding.NewDigest!.Value,
            string.Join(", ", finding.Platforms), firstSeen);
    }

    private static string? ReasonToLeaveAlone(TrackedRepository repository, ImageFinding finding, IReadOnlyList<DockerfileGlob> ignored)
    {
        if (finding.Reference is { } reference
            && ignored.Any(g => g.Matches(reference.Name) || g.Matches(reference.FamiliarName)))
        {
            return IgnoredReason;
        }

        return finding.Status switch
        {
            FreshnessStatus.Outdated => null,
            FreshnessStatus.Unpinned when repository.Policy.Unpinned == UnpinnedPolicy.Pin => null,
            FreshnessStatus.Unpinned => $"unpinned (policy: report); the tag points at {finding.NewDigest}",
            FreshnessStatus.UpToDate => finding.Reason ?? "up to date",
            _ => finding.Reason ?? finding.Status.ToString().ToLowerInvariant(),
        };
    }
}

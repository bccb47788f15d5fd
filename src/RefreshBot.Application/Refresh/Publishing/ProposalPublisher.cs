using Microsoft.Extensions.Logging;
using RefreshBot.Application.Evaluation;
using RefreshBot.Application.Refresh.History;
using RefreshBot.Application.Refresh.Planning;
using RefreshBot.Application.Refresh.Ports;
using RefreshBot.Application.Refresh.Reporting;
using RefreshBot.Domain.Proposals;
using RefreshBot.Domain.Proposals.Decisions;
using RefreshBot.Domain.Rewriting;

namespace RefreshBot.Application.Refresh.Publishing;

/// <summary>
/// One group: inspect the branch and find its pull requests → screen out refused updates → render → decide (pure)
/// → carry the decision out (rewrite, publish, create/update/comment/close) → record. In a dry run the decision is
/// computed the same way and nothing is written anywhere.
/// </summary>
/// <param name="evaluator">Builds and scans the change when its options enable it (<see cref="EvaluationOptions.Enabled"/>): only
/// when the branch is (re)written, i.e. on create, update-branch or rebase; otherwise the open pull request's section is
/// carried over, so a cycle with nothing new neither rebuilds nor edits the pull request — unless that section recorded a
/// transient failure (<see cref="EvaluationMarkdown.TransientMarker"/>): then the same change is evaluated again, once per
/// cycle, without touching the branch, and the body is updated when the section differs. Never for a repository whose
/// <c>build</c> setting is off (<see cref="Fleet.TrackedRepository.Build"/>).</param>
public sealed partial class ProposalPublisher(IRepositoryWorkspace workspace, ILogger<ProposalPublisher> logger, ChangeEvaluator? evaluator = null)
{
    public async Task<GroupOutcome> SettleAsync(GroupContext context, GroupWork work, IReadOnlyList<Replacement> replacements, CancellationToken cancellationToken)
    {
        var repository = context.Repository;
        var branch = work.Group.Branch;
        var state = await workspace.InspectBranchAsync(repository, branch, context.Options.Bot, cancellationToken).ConfigureAwait(false);
        var pullRequests = await context.CodeHost.FindPullRequestsAsync(repository, branch, cancellationToken).ConfigureAwait(false);
        var closedByBot = await context.History.ClosedByBotAsync(repository.Id, cancellationToken).ConfigureAwait(false);
        var known = await context.History.ProposalsAsync(repository.Id, branch, cancellationToken).ConfigureAwait(false);
        if (!context.Options.DryRun)
        {
            await ProposalLifecycle.NoticeClosedAsync(context, branch, pullRequests, known, cancellationToken).ConfigureAwait(false);
        }

        var existing = pullRequests.Select(p => ToExisting(p, closedByBot)).ToList();

        var screening = ProposalRules.Screen(work.Updates.Select(u => u.Target).ToList(), existing, repository.Policy.ProposeAfterClosed);
        var remaining = screening.Remaining.ToHashSet();
        var updates = work.Updates.Where(u => remaining.Contains(u.Target)).ToList();
        var proposal = new Proposal(work.Group, updates.Select(u => u.Update).ToList());
        var building = evaluator is { Options.Enabled: true } && repository.Build;
        var open = pullRequests.FirstOrDefault(p => p.State == PullRequestState.Open);
        var carried = building && open is not null ? ProposalTexts.ReadBuildScan(open.Body) : null;
        var desired = new DesiredProposal(screening.Remaining, ProposalTexts.Title(proposal), ProposalTexts.Body(proposal, carried));
        var situation = new ProposalSituation(
            desired, screening.Rejected, new BranchSnapshot(state.Exists, state.BaseSha, state.ForeignCommits.Count > 0),
            context.Checkout.HeadSha, existing, replacements);

        var decision = ProposalRules.Decide(situation);
        LogDecision(logger, repository.Id, branch, decision.Name, updates.Count);
        ChangeEvaluation? evaluation = null;
        var rewriting = decision is ProposalDecision.Create or ProposalDecision.UpdateBranchAndBody or ProposalDecision.RecreateOnNewBase;
        var retrying = RetriesEvaluation(decision, open, carried);
        if (building && !context.Options.DryRun && updates.Count > 0 && (rewriting || retrying))
        {
            if (retrying)
            {
                LogReevaluating(logger, repository.Id, branch, open!.Number);
            }

            evaluation = await evaluator!.EvaluateAsync(
                context.Checkout.Directory, Rewrite(context, updates), repository.BuildArgs, cancellationToken).ConfigureAwait(false);
            if (!retrying || !evaluation.TransientFailure)
            {
                // A retry that fails transiently again leaves the pull request as it is (its timings would differ every cycle).
                desired = desired with { Body = ProposalTexts.Body(proposal, evaluation.Section) };
            }

            if (retrying && decision is ProposalDecision.NoChange && !string.Equals(desired.Body, open!.Body, StringComparison.Ordinal))
            {
                decision = new ProposalDecision.UpdateBodyOnly(open.Number);
            }

            if (evaluation.FailureSummary is { } failure)
            {
                LogBuildFailed(logger, repository.Id, branch, failure);
            }
        }

        var asDraft = evaluation is { NewBuildFailed: true } && evaluator!.Options.DraftOnFailure;
        var info = await CarryOutAsync(context, decision, proposal, updates, state, pullRequests, desired, asDraft, cancellationToken).ConfigureAwait(false);
        var shown = info ?? pullRequests.FirstOrDefault(p => p.Number == NumberOf(decision)) ?? pullRequests.FirstOrDefault();

        if (shown is not null && !context.Options.DryRun)
        {
            var closing = shown.State == PullRequestState.Open && decision is ProposalDecision.CloseObsolete or ProposalDecision.CloseSuperseded;
            var record = ProposalLifecycle.Record(
                branch, shown, closing ? PullRequestState.ClosedUnmerged : shown.State, known.FirstOrDefault(k => k.Number == shown.Number), context.Now,
                info is null ? [] : proposal.Updates);
            await context.History.RecordProposalAsync(repository.Id, record, context.Now, cancellationToken).ConfigureAwait(false);
        }

        if (evaluation is not null && !context.Options.DryRun)
        {
            await context.History.RecordEvaluationAsync(
                RecordedEvaluation.Of(repository.Id, branch, shown?.Number, context.Now, evaluation), cancellationToken).ConfigureAwait(false);
        }

        return new GroupOutcome(branch, decision.Name, shown?.Number, shown?.Url, updates.Count, desired.Title)
        {
            BuildFailure = evaluation?.FailureSummary,
            Draft = asDraft && decision is ProposalDecision.Create,
            Declined = [.. screening.Rejected.Select(t => Declined(t, existing, pullRequests, repository.Policy.ProposeAfterClosed))],
        };
    }

    private async Task<PullRequestInfo?> CarryOutAsync(
        GroupContext context, ProposalDecision decision, Proposal proposal, IReadOnlyList<PlannedUpdate> updates, BotBranchState state,
        IReadOnlyList<PullRequestInfo> pullRequests, DesiredProposal desired, bool asDraft, CancellationToken cancellationToken)
    {
        var repository = context.Repository;
        var host = context.CodeHost;
        var dry = context.Options.DryRun;
        var draft = new PullRequestDraft(
            proposal.Group.Branch, context.Checkout.Branch, desired.Title, desired.Body, repository.Labels, repository.Reviewers, repository.Assignees,
            asDraft);
        if (decision is ProposalDecision.NoChange { Number: { } kept } && !dry
            && !(await context.History.OpenProposalsAsync(repository.Id, cancellationToken).ConfigureAwait(false))
                .Any(p => p.Branch == proposal.Group.Branch && p.Number == kept))
        {
            // Open on the host but never recorded: the run that opened it stopped before its last steps (labels,
            // reviewers, assignees, the history). Completing it adds only what is missing; then it is recorded.
            LogCompleting(logger, repository.Id, proposal.Group.Branch, kept);
            return await host.UpdateAsync(repository, kept, draft, cancellationToken).ConfigureAwait(false);
        }

        switch (decision)
        {
            case ProposalDecision.Create:
                await PublishAsync(context, proposal, updates, state, cancellationToken).ConfigureAwait(false);
                return dry ? null : await CreateOrAdoptAsync(context, draft, cancellationToken).ConfigureAwait(false);

            case ProposalDecision.UpdateBranchAndBody { Number: var number }:
                await PublishAsync(context, proposal, updates, state, cancellationToken).ConfigureAwait(false);
                return dry ? null : await host.UpdateAsync(repository, number, draft, cancellationToken).ConfigureAwait(false);

            case ProposalDecision.RecreateOnNewBase { Number: var number }:
                await PublishAsync(context, proposal, updates, state, cancellationToken).ConfigureAwait(false);
                return dry ? null : await host.UpdateAsync(repository, number, draft, cancellationToken).ConfigureAwait(false);

            case ProposalDecision.UpdateBodyOnly { Number: var number }:
                return dry ? null : await host.UpdateAsync(repository, number, draft, cancellationToken).ConfigureAwait(false);

            case ProposalDecision.StopForeignCommits { Comment: true, Number: { } number } when !dry:
                await host.CommentAsync(repository, number, ProposalTexts.ForeignCommitsComment(proposal.Group.Branch, state.ForeignCommits), cancellationToken).ConfigureAwait(false);
                return null;

            case ProposalDecision.CloseObsolete { Number: var number } when !dry:
                await context.History.RecordClosedByBotAsync(repository.Id, number, context.Now, cancellationToken).ConfigureAwait(false);
                await host.CloseAsync(repository, number, ProposalTexts.ObsoleteComment(), cancellationToken).ConfigureAwait(false);
                return null;

            case ProposalDecision.CloseSuperseded { Number: var number, ReplacedBy: var replacedBy } when !dry:
                await context.History.RecordClosedByBotAsync(repository.Id, number, context.Now, cancellationToken).ConfigureAwait(false);
                await host.CloseAsync(repository, number, ProposalTexts.SupersededComment(replacedBy.Select(r => (r.Number, r.Title)).ToList()), cancellationToken).ConfigureAwait(false);
                return null;

            default:
                return null;
        }
    }

    /// <summary>The branch: one bot commit on the target head with the rewritten Dockerfiles (unchanged when it already is that).</summary>
    private async Task PublishAsync(GroupContext context, Proposal proposal, IReadOnlyList<PlannedUpdate> updates, BotBranchState state, CancellationToken cancellationToken)
    {
        var update = new BranchUpdate(
            proposal.Group.Branch, context.Checkout.HeadSha, Rewrite(context, updates), ProposalTexts.CommitMessage(proposal), context.Options.Bot,
            state.Exists ? state.HeadSha : null, context.Options.DryRun);
        var result = await workspace.PublishAsync(context.Repository, context.Remote, update, cancellationToken).ConfigureAwait(false);
        LogPublished(logger, context.Repository.Id, proposal.Group.Branch, result.Outcome, result.CommitSha);
    }

    /// <summary>The rewritten Dockerfiles (path → text) of the group's updates.</summary>
    private static Dictionary<string, string> Rewrite(GroupContext context, IReadOnlyList<PlannedUpdate> updates)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in updates.GroupBy(u => u.Update.Dockerfile, StringComparer.Ordinal))
        {
            var scanned = context.Dockerfiles[file.Key];
            var rewrite = DockerfileRewriter.Apply(scanned.Text, scanned.Report, file.Select(u => u.Edit).ToList());
            if (rewrite.Refused.Count > 0)
            {
                throw new InvalidOperationException($"{file.Key}: the rewrite refused an edit it accepted before: {rewrite.Refused[0].Reason}");
            }

            files[file.Key] = rewrite.Text;
        }

        return files;
    }

    /// <summary>Creates the pull request; when the host says one already exists for the branch (422), finds and updates it instead.</summary>
    private async Task<PullRequestInfo> CreateOrAdoptAsync(GroupContext context, PullRequestDraft draft, CancellationToken cancellationToken)
    {
        try
        {
            return await context.CodeHost.CreateAsync(context.Repository, draft, cancellationToken).ConfigureAwait(false);
        }
        catch (CodeHostException e) when (e.Kind == CodeHostErrorKind.Invalid)
        {
            var found = await context.CodeHost.FindPullRequestsAsync(context.Repository, draft.Branch, cancellationToken).ConfigureAwait(false);
            if (found.FirstOrDefault(p => p.State == PullRequestState.Open) is not { } open)
            {
                throw;
            }

            LogAdopted(logger, context.Repository.Id, draft.Branch, open.Number);
            return await context.CodeHost.UpdateAsync(context.Repository, open.Number, draft, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The rejected target with the person's closed pull request that turned it down (same digest, or same slot).</summary>
    private static DeclinedUpdate Declined(UpdateTarget target, IReadOnlyList<ExistingProposal> existing, IReadOnlyList<PullRequestInfo> pullRequests, bool proposeAfterClosed)
    {
        var closed = existing.Where(e => e is { Status: ProposalStatus.ClosedUnmerged, ClosedByBot: false, Targets: not null }).ToList();
        var by = closed.FirstOrDefault(e => e.Targets!.Contains(target))
            ?? (proposeAfterClosed ? null : closed.FirstOrDefault(e => e.Targets!.Any(t => t.Slot == target.Slot)));
        return new DeclinedUpdate(target, by?.Number, by is null ? null : pullRequests.FirstOrDefault(p => p.Number == by.Number)?.Url);
    }

    private static ExistingProposal ToExisting(PullRequestInfo pr, IReadOnlySet<int> closedByBot) => new(
        pr.Number,
        pr.State switch
        {
            PullRequestState.Open => ProposalStatus.Open,
            PullRequestState.Merged => ProposalStatus.Merged,
            _ => ProposalStatus.ClosedUnmerged,
        },
        ProposalTexts.ReadTargets(pr.Body),
        pr.Title,
        pr.Body,
        pr.Comments.Any(ProposalTexts.IsForeignCommitsComment),
        closedByBot.Contains(pr.Number) || pr.Comments.Any(ProposalTexts.IsClosingComment));

    /// <summary>
    /// The branch stays as it is, but the open pull request's carried-over section recorded a transient failure
    /// (<see cref="EvaluationMarkdown.TransientMarker"/>): evaluate the same change again this cycle (once) and update the
    /// body when the section comes out different. A section without the marker is carried over untouched.
    /// </summary>
    private static bool RetriesEvaluation(ProposalDecision decision, PullRequestInfo? open, BuildScanSection? carried) =>
        open is not null && carried is not null && EvaluationMarkdown.ShowsTransientFailure(carried)
        && decision switch
        {
            ProposalDecision.NoChange { Number: { } number } => number == open.Number,
            ProposalDecision.UpdateBodyOnly { Number: var number } => number == open.Number,
            _ => false,
        };

    private static int? NumberOf(ProposalDecision decision) => decision switch
    {
        ProposalDecision.UpdateBranchAndBody d => d.Number,
        ProposalDecision.UpdateBodyOnly d => d.Number,
        ProposalDecision.RecreateOnNewBase d => d.Number,
        ProposalDecision.NoChange d => d.Number,
        ProposalDecision.SkipClosedByPerson d => d.ClosedNumber,
        ProposalDecision.StopForeignCommits d => d.Number,
        ProposalDecision.CloseObsolete d => d.Number,
        ProposalDecision.CloseSuperseded d => d.Number,
        _ => null,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "{Repository} {Branch}: {Decision} ({Updates} updates)")]
    private static partial void LogDecision(ILogger logger, string repository, string branch, string decision, int updates);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Repository} {Branch}: the new image does not build: {Failure}")]
    private static partial void LogBuildFailed(ILogger logger, string repository, string branch, string failure);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Repository} {Branch}: pull request #{Number} shows a transient build-and-scan failure; evaluating again (the branch stays)")]
    private static partial void LogReevaluating(ILogger logger, string repository, string branch, int number);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Repository} {Branch}: branch {Outcome} at {Commit}")]
    private static partial void LogPublished(ILogger logger, string repository, string branch, PublishOutcome outcome, string commit);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Repository} {Branch}: pull request #{Number} is not in the history (an earlier run stopped after opening it); completing it")]
    private static partial void LogCompleting(ILogger logger, string repository, string branch, int number);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Repository} {Branch}: a pull request already existed (#{Number}); updated it instead")]
    private static partial void LogAdopted(ILogger logger, string repository, string branch, int number);
}

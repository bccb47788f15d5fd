using Microsoft.Extensions.Logging;
using RefreshBot.Application.Check;
using RefreshBot.Application.Check.Ports;
using RefreshBot.Application.Evaluation.Ports;
using RefreshBot.Application.Fleet;
using RefreshBot.Application.Ports;
using RefreshBot.Application.Refresh.DashboardIssue;
using RefreshBot.Application.Refresh.History;
using RefreshBot.Application.Refresh.Planning;
using RefreshBot.Application.Refresh.Ports;
using RefreshBot.Application.Refresh.Reporting;
using RefreshBot.Application.Telemetry;

namespace RefreshBot.Application.Refresh;

/// <summary>
/// One cycle over the fleet: every tracked repository refreshed (a few at a time), all of them sharing one
/// <see cref="RegistryLookups"/> — one lookup per unique image:tag for the whole fleet (and, given a <see cref="TagLookupMemo"/>,
/// with the cycles that ran a moment ago: the service runs one cycle per repository). One repository's failure
/// (git, code host incl. rate limits, registry) is recorded with its reason and never stops the others; the next
/// cycle converges from wherever this one stopped.
/// </summary>
public sealed partial class RefreshCycle(
    RepositoryRefresh refresh,
    ICodeHostSelector codeHosts,
    IRegistryClient registry,
    IManifestCache cache,
    IRefreshHistory history,
    TimeProvider time,
    ILogger<RefreshCycle> logger,
    RefreshBotMetrics? metrics = null,
    TagLookupMemo? memo = null)
{
    private readonly DashboardIssueKeeper _dashboard = new(logger);

    private const string InterruptedReason = "interrupted: the worker stopped before the run finished";

    public async Task<CycleReport> RunAsync(IReadOnlyList<TrackedRepository> repositories, RefreshOptions options, CancellationToken cancellationToken)
    {
        var lookups = new RegistryLookups(registry, cache, options.MaxConcurrentRegistryRequests, memo);
        var store = options.DryRun ? new ReadOnlyHistory(history) : history;
        using var slots = new SemaphoreSlim(Math.Max(1, options.MaxConcurrentRepositories));
        var outcomes = await Task.WhenAll(repositories.Select(async repository =>
        {
            await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return await RefreshOneAsync(repository, lookups, store, options, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                slots.Release();
            }
        })).ConfigureAwait(false);

        metrics?.CycleRun();
        return new CycleReport(outcomes, options.DryRun);
    }

    private async Task<RepositoryOutcome> RefreshOneAsync(
        TrackedRepository repository, RegistryLookups lookups, IRefreshHistory store, RefreshOptions options, CancellationToken cancellationToken)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["Repository"] = repository.Id });
        var now = time.GetUtcNow();
        if (!options.DryRun)
        {
            await CloseInterruptedRunsAsync(repository, store, now, cancellationToken).ConfigureAwait(false);
        }

        var run = await store.RunStartedAsync(repository.Id, now, cancellationToken).ConfigureAwait(false);
        RepositoryOutcome outcome;
        ICodeHost? host = null;
        try
        {
            host = codeHosts.For(repository);
            outcome = await refresh.RunAsync(repository, host, lookups, store, options, now, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (FailureReason(e) is { } reason && !cancellationToken.IsCancellationRequested)
        {
            LogFailed(logger, repository.Id, reason);
            metrics?.Failure(RefreshMetrics.FailureKind(e));
            outcome = RepositoryOutcome.Failed(repository.Id, reason);
        }

        foreach (var notice in outcome.Notices)
        {
            LogOverrideNotice(logger, repository.Id, notice);
        }

        foreach (var left in outcome.LeftAlone)
        {
            LogLeftAlone(logger, repository.Id, left.Dockerfile, left.Line, left.Reference, left.Reason);
        }

        // The dashboard issue follows the settings the run used (its own settings file may turn it on); when the run failed
        // before they were known, an issue the fleet settings would close is left as it is until a run knows them.
        var effective = outcome.Settings ?? repository;
        if (host is not null && !options.DryRun && !cancellationToken.IsCancellationRequested && (outcome.Settings is not null || effective.DashboardIssue))
        {
            await _dashboard.KeepAsync(effective, host, outcome, store, now, cancellationToken).ConfigureAwait(false);
        }

        var finished = time.GetUtcNow();
        metrics?.RepositoryDone(outcome, finished - now, options.DryRun);
        await store.RunFinishedAsync(
            run, finished, outcome.Status == RepositoryStatus.Succeeded ? RunOutcome.Succeeded : RunOutcome.Failed,
            outcome.Reason ?? SkipReasons.Join([.. outcome.Notices, .. outcome.LeftAlone.Select(l => $"{l.Dockerfile}:{l.Line}: {l.Reason}")]),
            CancellationToken.None).ConfigureAwait(false);
        LogDone(logger, repository.Id, outcome.Status, outcome.Created, outcome.Updated, outcome.Unchanged);
        return outcome;
    }

    /// <summary>
    /// A run of this repository still unfinished when its next one starts was interrupted (its worker was killed or
    /// crashed): it is closed as such, so the history never shows a run "running" forever. A repository's runs never
    /// overlap (one job per repository, not run concurrently), so an unfinished one is never a live one.
    /// </summary>
    private async Task CloseInterruptedRunsAsync(TrackedRepository repository, IRefreshHistory store, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var unfinished in (await store.RunsAsync(repository.Id, 3, cancellationToken).ConfigureAwait(false)).Where(r => r.Finished is null))
        {
            LogInterrupted(logger, repository.Id, unfinished.Id, unfinished.Started);
            await store.RunFinishedAsync(unfinished.Id, now, RunOutcome.Interrupted, InterruptedReason, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A one-line reason for the failures that stop one repository (never carries a secret: the exceptions don't).</summary>
    private static string? FailureReason(Exception e) => e switch
    {
        CodeHostException { Kind: CodeHostErrorKind.RateLimited } c =>
            $"code host rate limit{(c.RetryAt is { } at ? $" until {at:yyyy-MM-dd HH:mm:ss 'UTC'}" : "")}: {c.Message}",
        CodeHostException c => $"code host error ({c.Kind.ToString().ToLowerInvariant()}): {c.Message}",
        WorkspaceException w => $"git error ({w.Kind.ToString().ToLowerInvariant()}): {w.Message}",
        RegistryException r => $"registry error ({r.Kind.ToString().ToLowerInvariant()}): {r.Message}",
        BuildHostException b => $"build host error (transient, no pull request from this build): {b.Message}",
        IOException or UnauthorizedAccessException => "file error: " + e.Message,
        InvalidOperationException => "internal error: " + e.Message,
        _ => null,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Repository}: run {Run} started at {Started} never finished (its worker stopped); recorded as interrupted")]
    private static partial void LogInterrupted(ILogger logger, string repository, long run, DateTimeOffset started);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Repository}: repository settings file: {Notice}")]
    private static partial void LogOverrideNotice(ILogger logger, string repository, string notice);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Repository}: {Dockerfile}:{Line} {Reference} left alone: {Reason}")]
    private static partial void LogLeftAlone(ILogger logger, string repository, string dockerfile, int line, string? reference, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Repository}: refresh failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string repository, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Repository}: {Status}; {Created} created, {Updated} updated, {Unchanged} unchanged")]
    private static partial void LogDone(ILogger logger, string repository, RepositoryStatus status, int created, int updated, int unchanged);
}

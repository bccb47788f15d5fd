namespace RefreshBot.Application.Refresh.History;

/// <summary>
/// What the bot remembers between cycles (SQLite in Adapters/History): when each digest was first seen, the
/// outcome of each repository's run, and where its proposals are (to close superseded ones). Issue 5 extends it.
/// </summary>
public interface IRefreshHistory
{
    /// <summary>When <paramref name="sighting"/> was first seen, or null when it never was (records nothing).</summary>
    Task<DateTimeOffset?> FindFirstSeenAsync(DigestSighting sighting, CancellationToken cancellationToken);

    /// <summary>When <paramref name="sighting"/> was first seen; records <paramref name="now"/> when it is new.</summary>
    Task<DateTimeOffset> DigestSeenAsync(DigestSighting sighting, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Records that the tag of <paramref name="sighting"/> points at its digest at <paramref name="now"/> (first-seen
    /// as <see cref="DigestSeenAsync"/>, and the tag's latest digest); when the tag's last recorded digest was another
    /// one, records a drift event and returns that previous digest. Meant for unpinned references (the digest the tag
    /// points at), never for a pin's platform manifest.
    /// </summary>
    Task<TagSighting> TagSeenAsync(DigestSighting sighting, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The digest the tag was last recorded at (by <see cref="TagSeenAsync"/>), or null when never.</summary>
    Task<LastDigest?> LastDigestAsync(string image, string tag, string platform, CancellationToken cancellationToken);

    /// <summary>Drift events detected at or after <paramref name="since"/>, oldest first (the weekly digest).</summary>
    Task<IReadOnlyList<RecordedDrift>> DriftsAsync(DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>Records the start of one repository's run; returns its id.</summary>
    Task<long> RunStartedAsync(string repository, DateTimeOffset started, CancellationToken cancellationToken);

    Task RunFinishedAsync(long run, DateTimeOffset finished, RunOutcome outcome, string? reason, CancellationToken cancellationToken);

    /// <summary>The last recorded outcomes of <paramref name="repository"/>, newest first.</summary>
    Task<IReadOnlyList<RecordedRun>> RunsAsync(string repository, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Branches of the repository whose pull request was open when last seen: one proposal per branch (the newest
    /// number when the history knows several open ones), sorted by branch.
    /// </summary>
    Task<IReadOnlyList<RecordedProposal>> OpenProposalsAsync(string repository, CancellationToken cancellationToken);

    /// <summary>Every recorded pull request of <paramref name="branch"/> in <paramref name="repository"/>, newest number first.</summary>
    Task<IReadOnlyList<RecordedProposal>> ProposalsAsync(string repository, string branch, CancellationToken cancellationToken);

    /// <summary>
    /// Pull requests (of every repository) touching [<paramref name="from"/>, <paramref name="to"/>]: opened at or
    /// before <paramref name="to"/> and not closed before <paramref name="from"/>. Sorted by repository, then number.
    /// </summary>
    Task<IReadOnlyList<RepositoryProposal>> ProposalsTouchingAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <summary>Per repository, its last run finished at or before <paramref name="asOf"/>, sorted by repository.</summary>
    Task<IReadOnlyList<RecordedRun>> LatestRunsAsync(DateTimeOffset asOf, CancellationToken cancellationToken);

    /// <summary>When the first recorded run started, or null when none is recorded.</summary>
    Task<DateTimeOffset?> FirstRunStartedAsync(CancellationToken cancellationToken);

    /// <summary>Numbers of the repository's pull requests the bot closed itself (superseded, obsolete): not a person's refusal.</summary>
    Task<IReadOnlySet<int>> ClosedByBotAsync(string repository, CancellationToken cancellationToken);

    Task RecordClosedByBotAsync(string repository, int number, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Records (or updates) what is known about pull request <see cref="RecordedProposal.Number"/>: branch, url, state,
    /// title and closing time are replaced; the opening time is kept from the first record (<paramref name="now"/> when
    /// <see cref="RecordedProposal.Opened"/> is null); the updates are replaced unless the new record has none.
    /// </summary>
    Task RecordProposalAsync(string repository, RecordedProposal proposal, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Keeps what one build-and-scan of a proposal found (for the history and the weekly digest).</summary>
    Task RecordEvaluationAsync(RecordedEvaluation evaluation, CancellationToken cancellationToken);

    /// <summary>
    /// Evaluations recorded at or after <paramref name="since"/>, oldest first; of <paramref name="repository"/>, or of
    /// every repository when it is null (the weekly digest).
    /// </summary>
    Task<IReadOnlyList<RecordedEvaluation>> EvaluationsAsync(string? repository, DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>
    /// Per repository, branch and pull request (or none), its latest evaluation recorded at or before
    /// <paramref name="asOf"/>; sorted by time (the weekly digest's figures as of an instant).
    /// </summary>
    Task<IReadOnlyList<RecordedEvaluation>> LatestEvaluationsAsync(DateTimeOffset asOf, CancellationToken cancellationToken);
}

/// <summary>One digest behind one tag, for one platform.</summary>
/// <param name="Image">Normalized image name.</param>
/// <param name="Platform">Platform (<c>os/arch[/variant]</c>), or <c>*</c> for an index digest.</param>
public sealed record DigestSighting(string Image, string Tag, string Platform, string Digest);

public enum RunOutcome
{
    Succeeded,
    Failed,

    /// <summary>The worker stopped (killed, crashed) before the run finished; recorded when the repository's next run starts.</summary>
    Interrupted,
}

public sealed record RecordedRun(long Id, string Repository, DateTimeOffset Started, DateTimeOffset? Finished, RunOutcome? Outcome, string? Reason);


namespace RefreshBot.Domain.Proposals.Dashboard;

/// <summary>
/// What a repository's dashboard issue lists after one refresh: updates found but not proposed yet, the bot's open
/// pull requests, updates a person turned down, and what failed in this run. Every text in it is untrusted (paths,
/// references, reasons, titles come from the repository, a registry or a person) and escaped when rendered.
/// </summary>
/// <param name="Pending">Found but not proposed yet (soaking, outside the PR window, ignored by policy, index churn…).</param>
/// <param name="Open">The bot's open pull requests.</param>
/// <param name="Declined">Updates a person closed unmerged: not proposed again.</param>
/// <param name="Failed">This run's errors.</param>
/// <param name="PendingKnown">False when the run failed before it could tell what is pending (the section says so).</param>
public sealed record DashboardContent(
    IReadOnlyList<DashboardPending> Pending,
    IReadOnlyList<DashboardOpen> Open,
    IReadOnlyList<DashboardDeclined> Declined,
    IReadOnlyList<DashboardFailure> Failed,
    bool PendingKnown = true);

/// <summary>An image use with an update the bot does not propose (yet).</summary>
/// <param name="Line">1-based line of the reference.</param>
/// <param name="Reference">The reference as written (expanded), when there is one.</param>
/// <param name="Reason">Why it waits, e.g. <c>ignored by policy</c>; replaced by the time when <paramref name="SoakingUntil"/> is given.</param>
/// <param name="SoakingUntil">When a soaking digest becomes old enough to be proposed (absolute, so the text stays the same between runs).</param>
public sealed record DashboardPending(string Dockerfile, int Line, string? Reference, string Reason, DateTimeOffset? SoakingUntil = null);

/// <summary>One of the bot's open pull requests.</summary>
/// <param name="Url">Where a person looks at it.</param>
public sealed record DashboardOpen(int Number, string Title, string Url, string Branch);

/// <summary>An update a person closed unmerged.</summary>
/// <param name="Image">Normalized image name.</param>
/// <param name="Digest">The digest that is not proposed again.</param>
/// <param name="Number">The pull request the person closed, when known.</param>
/// <param name="Url">Its address, when known.</param>
public sealed record DashboardDeclined(string Dockerfile, string Image, string Tag, string Digest, int? Number, string? Url);

/// <summary>Something that failed this run.</summary>
/// <param name="Where">A place (<c>path</c> or <c>path:line</c>, or an image), or null when it concerns the whole run.</param>
/// <param name="Reason">What went wrong.</param>
public sealed record DashboardFailure(string? Where, string Reason);

using RefreshBot.Application.Fleet;
using RefreshBot.Application.Refresh.Planning;
using RefreshBot.Domain.Dockerfiles;
using RefreshBot.Domain.Proposals.Decisions;

namespace RefreshBot.Application.Refresh.Reporting;

/// <summary>What happened to one group's proposal this cycle.</summary>
/// <param name="Branch">The bot's branch.</param>
/// <param name="Action">The decision's name: create, update, update-body, rebase, unchanged, skipped-closed, stopped-foreign-commits, closed-obsolete, closed-superseded.</param>
/// <param name="Number">Pull request number, when there is one.</param>
/// <param name="Url">Where to look at it.</param>
/// <param name="Updates">Updates the proposal holds.</param>
/// <param name="Title">Its title.</param>
public sealed record GroupOutcome(string Branch, string Action, int? Number, string? Url, int Updates, string Title)
{
    /// <summary>When the change was built: which Dockerfiles' new image did not build, and the failing step; else null.</summary>
    public string? BuildFailure { get; init; }

    /// <summary>The pull request was opened as a draft (its new image did not build).</summary>
    public bool Draft { get; init; }

    /// <summary>Updates of this group left out because a person closed a pull request of them unmerged.</summary>
    public IReadOnlyList<DeclinedUpdate> Declined { get; init; } = [];
}

/// <summary>An update a person turned down: <paramref name="Number"/> (at <paramref name="Url"/>) was closed unmerged.</summary>
public sealed record DeclinedUpdate(UpdateTarget Target, int? Number, string? Url);

public enum RepositoryStatus
{
    Succeeded,
    Failed,
}

/// <summary>One repository's run.</summary>
/// <param name="Repository">Its id.</param>
/// <param name="Status">Succeeded, or failed with <see cref="Reason"/>.</param>
/// <param name="Reason">Why it failed (kind and request; never a secret).</param>
/// <param name="Groups">Each group's outcome.</param>
/// <param name="LeftAlone">Image uses reported but not changed.</param>
public sealed record RepositoryOutcome(
    string Repository, RepositoryStatus Status, string? Reason, IReadOnlyList<GroupOutcome> Groups, IReadOnlyList<LeftAlone> LeftAlone)
{
    /// <summary>About the repository's own settings file (<see cref="Fleet.IRepositoryOverrides"/>): keys ignored, or the
    /// errors that made the run use the fleet settings; each <c>file:line:column: problem</c>. Empty when nothing to say.</summary>
    public IReadOnlyList<string> Notices { get; init; } = [];

    /// <summary>The repository as this run saw it: the fleet's settings with its own settings file applied; null when the
    /// run failed before reading that file (or earlier).</summary>
    public TrackedRepository? Settings { get; init; }

    /// <summary>What parsing the Dockerfiles found wrong (errors and warnings, with file and line).</summary>
    public IReadOnlyList<DockerfileDiagnostic> Diagnostics { get; init; } = [];

    public int Count(params string[] actions) => Groups.Count(g => actions.Contains(g.Action));

    public int Created => Count("create");

    public int Updated => Count("update", "update-body", "rebase");

    public int Unchanged => Count("unchanged");

    public int Skipped => Count("skipped-closed", "stopped-foreign-commits");

    public int Closed => Count("closed-obsolete", "closed-superseded");

    public static RepositoryOutcome Failed(string repository, string reason) => new(repository, RepositoryStatus.Failed, reason, [], []);
}

/// <summary>A whole cycle over the fleet.</summary>
/// <param name="DryRun">Nothing was committed, pushed or written.</param>
public sealed record CycleReport(IReadOnlyList<RepositoryOutcome> Repositories, bool DryRun)
{
    public int Failed => Repositories.Count(r => r.Status == RepositoryStatus.Failed);
}

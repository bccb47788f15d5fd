namespace RefreshBot.Testing.GitHub;

/// <summary>A comment on an issue or pull request.</summary>
public sealed record FakeComment(long Id, string User, string Body, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>Something that happened to a pull request (<c>closed</c>, <c>reopened</c>, <c>merged</c>, <c>edited</c>, …) and who did it.</summary>
public sealed record FakeEvent(string Event, string Actor, DateTimeOffset At);

/// <summary>
/// A pull request in the fake GitHub (also its issue: same number, labels, assignees, comments).
/// Read it through <see cref="FakeGitHub.PullRequests"/>; change it through <see cref="FakeGitHub"/>'s methods
/// (a person closes, comments, merges) so changes stay serialized with API requests.
/// </summary>
public sealed class FakePullRequest : FakeThread
{
    internal FakePullRequest(FakeRepository repository, long id, int number, string user, DateTimeOffset createdAt)
        : base(repository, id, number, user, createdAt)
    {
    }

    public bool Draft { get; internal set; }

    public bool Merged => MergedAt is not null;

    public DateTimeOffset? MergedAt { get; internal set; }

    public string? MergedBy { get; internal set; }

    public string? MergeCommitSha { get; internal set; }

    public string HeadRef { get; internal set; } = "";

    /// <summary>The head sha when the pull request was last changed (the API reports the branch's live head while it exists).</summary>
    public string HeadSha { get; internal set; } = "";

    public string BaseRef { get; internal set; } = "";

    internal List<string> ReviewerList { get; } = [];

    public IReadOnlyList<string> RequestedReviewers => [.. ReviewerList];
}

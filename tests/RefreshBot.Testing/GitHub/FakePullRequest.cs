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
public sealed class FakePullRequest
{
    internal FakePullRequest(FakeRepository repository, long id, int number, string user, DateTimeOffset createdAt)
    {
        Repository = repository;
        Id = id;
        Number = number;
        User = user;
        CreatedAt = createdAt;
        UpdatedAt = createdAt;
    }

    public FakeRepository Repository { get; }

    public long Id { get; }

    public int Number { get; }

    public string User { get; }

    public string Title { get; internal set; } = "";

    public string? Body { get; internal set; }

    /// <summary><c>open</c> or <c>closed</c>.</summary>
    public string State { get; internal set; } = "open";

    public bool IsOpen => State == "open";

    public bool Draft { get; internal set; }

    public bool Merged => MergedAt is not null;

    public DateTimeOffset? MergedAt { get; internal set; }

    public string? MergedBy { get; internal set; }

    public string? MergeCommitSha { get; internal set; }

    public DateTimeOffset? ClosedAt { get; internal set; }

    public string? ClosedBy { get; internal set; }

    public string HeadRef { get; internal set; } = "";

    /// <summary>The head sha when the pull request was last changed (the API reports the branch's live head while it exists).</summary>
    public string HeadSha { get; internal set; } = "";

    public string BaseRef { get; internal set; } = "";

    public DateTimeOffset CreatedAt { get; }

    public DateTimeOffset UpdatedAt { get; internal set; }

    internal List<string> LabelList { get; } = [];

    internal List<string> ReviewerList { get; } = [];

    internal List<string> AssigneeList { get; } = [];

    internal List<FakeComment> CommentList { get; } = [];

    internal List<FakeEvent> EventList { get; } = [];

    public IReadOnlyList<string> Labels => [.. LabelList];

    public IReadOnlyList<string> RequestedReviewers => [.. ReviewerList];

    public IReadOnlyList<string> Assignees => [.. AssigneeList];

    public IReadOnlyList<FakeComment> Comments => [.. CommentList];

    public IReadOnlyList<FakeEvent> Events => [.. EventList];
}

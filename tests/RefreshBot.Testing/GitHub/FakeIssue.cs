namespace RefreshBot.Testing.GitHub;

/// <summary>
/// A plain issue (not a pull request) in the fake GitHub. It shares the repository's number sequence with pull
/// requests. Read it through <see cref="FakeGitHub.Issues"/>; change it through <see cref="FakeGitHub"/>'s methods so
/// changes stay serialized with API requests.
/// </summary>
public sealed class FakeIssue
{
    internal FakeIssue(FakeRepository repository, long id, int number, string user, DateTimeOffset createdAt)
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

    /// <summary><c>completed</c>, <c>not_planned</c>, <c>duplicate</c>, <c>reopened</c> or null.</summary>
    public string? StateReason { get; internal set; }

    public DateTimeOffset? ClosedAt { get; internal set; }

    public string? ClosedBy { get; internal set; }

    public DateTimeOffset CreatedAt { get; }

    public DateTimeOffset UpdatedAt { get; internal set; }

    internal List<string> LabelList { get; } = [];

    internal List<string> AssigneeList { get; } = [];

    internal List<FakeComment> CommentList { get; } = [];

    internal List<FakeEvent> EventList { get; } = [];

    public IReadOnlyList<string> Labels => [.. LabelList];

    public IReadOnlyList<string> Assignees => [.. AssigneeList];

    public IReadOnlyList<FakeComment> Comments => [.. CommentList];

    public IReadOnlyList<FakeEvent> Events => [.. EventList];
}

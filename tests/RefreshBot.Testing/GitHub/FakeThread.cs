namespace RefreshBot.Testing.GitHub;

/// <summary>
/// What an issue and a pull request have in common in the fake GitHub (they share the repository's number sequence):
/// number, author, title, body, open/closed, labels, assignees, comments and events.
/// </summary>
public abstract class FakeThread
{
    private protected FakeThread(FakeRepository repository, long id, int number, string user, DateTimeOffset createdAt)
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

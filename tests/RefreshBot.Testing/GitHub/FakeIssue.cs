namespace RefreshBot.Testing.GitHub;

/// <summary>
/// A plain issue (not a pull request) in the fake GitHub. It shares the repository's number sequence with pull
/// requests. Read it through <see cref="FakeGitHub.Issues"/>; change it through <see cref="FakeGitHub"/>'s methods so
/// changes stay serialized with API requests.
/// </summary>
public sealed class FakeIssue : FakeThread
{
    internal FakeIssue(FakeRepository repository, long id, int number, string user, DateTimeOffset createdAt)
        : base(repository, id, number, user, createdAt)
    {
    }

    /// <summary><c>completed</c>, <c>not_planned</c>, <c>duplicate</c>, <c>reopened</c> or null.</summary>
    public string? StateReason { get; internal set; }
}

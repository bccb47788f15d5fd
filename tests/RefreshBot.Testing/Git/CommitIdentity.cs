namespace RefreshBot.Testing.Git;

/// <summary>Author and committer of a commit made by test set-up.</summary>
public sealed record CommitIdentity(string Name, string Email)
{
    /// <summary>A person working on the repository.</summary>
    public static CommitIdentity Human { get; } = new("Dana Developer", "dana@example.test");
}

/// <summary>One commit as <c>git log</c> reports it.</summary>
public sealed record CommitInfo(string Sha, string AuthorName, string AuthorEmail, string Subject, IReadOnlyList<string> Parents);

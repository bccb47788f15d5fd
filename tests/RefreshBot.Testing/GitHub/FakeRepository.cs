using RefreshBot.Testing.Git;

namespace RefreshBot.Testing.GitHub;

/// <summary>A repository the fake GitHub knows, backed by a bare repository on the <see cref="GitHttpServer"/>.</summary>
public sealed class FakeRepository
{
    internal FakeRepository(long id, string owner, string name, BareRepository git, DateTimeOffset createdAt)
    {
        Id = id;
        Owner = owner;
        Name = name;
        Git = git;
        CreatedAt = createdAt;
    }

    public long Id { get; }

    public string Owner { get; }

    public string Name { get; }

    public string FullName => Owner + "/" + Name;

    /// <summary>The bare repository behind it (read heads and files, push a person's commit, merge).</summary>
    public BareRepository Git { get; }

    public DateTimeOffset CreatedAt { get; }

    /// <summary>The default branch as the API reports it (kept in step with the bare repository's HEAD).</summary>
    public string DefaultBranch { get; internal set; } = "main";

    public bool Archived { get; set; }

    public bool Fork { get; set; }

    public bool Private { get; set; }

    /// <summary>The GitHub App installation covering this repository, if any.</summary>
    public long? InstallationId { get; internal set; }
}

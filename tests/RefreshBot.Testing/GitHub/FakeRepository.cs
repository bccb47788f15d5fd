using RefreshBot.Testing.Git;

namespace RefreshBot.Testing.GitHub;

/// <summary>A repository the fake GitHub knows, backed by a bare repository on the <see cref="GitHttpServer"/>.</summary>
public sealed class FakeRepository
{
    private readonly BareRepository? _git;

    internal FakeRepository(long id, string owner, string name, BareRepository? git, DateTimeOffset createdAt)
    {
        Id = id;
        Owner = owner;
        Name = name;
        _git = git;
        CreatedAt = createdAt;
    }

    public long Id { get; }

    public string Owner { get; }

    public string Name { get; }

    public string FullName => Owner + "/" + Name;

    /// <summary>The bare repository behind it (read heads and files, push a person's commit, merge).</summary>
    public BareRepository Git => _git ?? throw new InvalidOperationException($"{FullName} was seeded for listings only (no git repository)");

    /// <summary>True when a bare repository backs it; false for one seeded with a file list (<see cref="SeededFiles"/>).</summary>
    public bool HasGit => _git is not null;

    /// <summary>The files the git trees endpoint lists for a repository seeded without git.</summary>
    public IReadOnlyList<string> SeededFiles { get; internal set; } = [];

    /// <summary>Answer the git trees endpoint with <c>truncated: true</c> (as GitHub does past 100,000 entries).</summary>
    public bool TreeTruncated { get; set; }

    public DateTimeOffset CreatedAt { get; }

    /// <summary>The default branch as the API reports it (kept in step with the bare repository's HEAD).</summary>
    public string DefaultBranch { get; internal set; } = "main";

    public bool Archived { get; set; }

    public bool Fork { get; set; }

    public bool Private { get; set; }

    /// <summary>The GitHub App installation covering this repository, if any.</summary>
    public long? InstallationId { get; internal set; }
}

namespace RefreshBot.Application.Fleet.Discovery;

/// <summary>
/// PORT: lists a code host's repositories and their files, for discovery. Failures are
/// <see cref="Refresh.Ports.CodeHostException"/>s naming the request.
/// </summary>
public interface IRepositoryDirectory
{
    /// <summary>Every repository of <paramref name="scope"/> (all pages).</summary>
    Task<IReadOnlyList<ListedRepository>> ListAsync(DiscoveryScope scope, CancellationToken cancellationToken);

    /// <summary>The paths of every file on <paramref name="branch"/> (one request; <see cref="RepositoryFiles.Truncated"/> when the host cut the list short).</summary>
    Task<RepositoryFiles> FilesAsync(ListedRepository repository, string branch, CancellationToken cancellationToken);
}

/// <summary>A repository as a listing shows it.</summary>
public sealed record ListedRepository(string Owner, string Name, string DefaultBranch, bool Archived, bool Fork)
{
    public string FullName => Owner + "/" + Name;
}

/// <summary>File paths (forward slashes, relative to the root) of one branch; <paramref name="Truncated"/>: not all of them.</summary>
public sealed record RepositoryFiles(IReadOnlyList<string> Paths, bool Truncated)
{
    public static readonly RepositoryFiles Empty = new([], false);
}

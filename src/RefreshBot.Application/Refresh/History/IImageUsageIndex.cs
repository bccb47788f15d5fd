namespace RefreshBot.Application.Refresh.History;

/// <summary>
/// Which tracked repositories use which base images, as found by their last run (kept with the history). Lets a
/// registry push notification wake only the repositories that use the pushed image, and feeds the weekly digest
/// ("base images in use and how many repositories each").
/// </summary>
public interface IImageUsageIndex
{
    /// <summary>Replaces what <paramref name="repository"/> uses with <paramref name="images"/> (as of <paramref name="now"/>).</summary>
    Task RecordImagesAsync(string repository, IReadOnlyCollection<ImageInUse> images, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Replaces the Dockerfiles <paramref name="repository"/>'s last run found (paths from its root) with <paramref name="dockerfiles"/>.</summary>
    Task RecordDockerfilesAsync(string repository, IReadOnlyCollection<string> dockerfiles, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Repositories whose last run found <paramref name="image"/> (normalized name, e.g. <c>docker.io/library/node</c>),
    /// with <paramref name="tag"/> when given (any tag when null). Sorted by id.
    /// </summary>
    Task<IReadOnlyList<string>> RepositoriesUsingAsync(string image, string? tag, CancellationToken cancellationToken);

    /// <summary>Every recorded use, by repository then image then tag (the weekly digest).</summary>
    Task<IReadOnlyList<RecordedImageUse>> ImageUsesAsync(CancellationToken cancellationToken);
}

/// <param name="Image">Normalized image name, e.g. <c>docker.io/library/node</c>.</param>
/// <param name="Tag">The tag used (<c>latest</c> when none is written), or null for a digest-only reference.</param>
/// <param name="Pinned">Whether the reference is pinned by digest.</param>
public sealed record ImageInUse(string Image, string? Tag, bool Pinned);

public sealed record RecordedImageUse(string Repository, string Image, string? Tag, bool Pinned, DateTimeOffset RecordedAt);

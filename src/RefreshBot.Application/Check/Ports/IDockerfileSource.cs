namespace RefreshBot.Application.Check.Ports;

/// <summary>Where Dockerfiles come from: a folder on disk today, a checked-out repository later.</summary>
public interface IDockerfileSource
{
    /// <summary>
    /// Every Dockerfile under <paramref name="root"/>, as paths relative to it with forward slashes,
    /// in a deterministic (ordinal) order.
    /// </summary>
    Task<IReadOnlyList<string>> FindAsync(string root, CancellationToken cancellationToken);

    /// <summary>
    /// Like <see cref="FindAsync"/>, but a file is a candidate when <paramref name="isCandidate"/> says so for its
    /// relative path, whatever its name (configured Dockerfile globs); skipped and ignored folders stay skipped.
    /// </summary>
    Task<IReadOnlyList<string>> FindMatchingAsync(string root, Func<string, bool> isCandidate, CancellationToken cancellationToken);

    /// <summary>The text of one file found by <see cref="FindAsync"/>.</summary>
    Task<string> ReadAsync(string root, string relativePath, CancellationToken cancellationToken);
}

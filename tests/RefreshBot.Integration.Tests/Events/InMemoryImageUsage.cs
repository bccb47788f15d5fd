using System.Collections.Concurrent;
using RefreshBot.Application.Refresh.History;

namespace RefreshBot.Integration.Tests.Events;

/// <summary>
/// An in-memory <see cref="IImageUsageIndex"/> for the envelope tests (no database needed to check the matching rules;
/// the real-registry tests use the SQLite history's index): what each repository's last run found.
/// </summary>
public sealed class InMemoryImageUsage : IImageUsageIndex
{
    private readonly ConcurrentDictionary<string, (IReadOnlyCollection<ImageInUse> Images, DateTimeOffset At)> _uses = new(StringComparer.Ordinal);

    public Task RecordImagesAsync(string repository, IReadOnlyCollection<ImageInUse> images, DateTimeOffset now, CancellationToken cancellationToken)
    {
        _uses[repository] = (images, now);
        return Task.CompletedTask;
    }

    public Task RecordDockerfilesAsync(string repository, IReadOnlyCollection<string> dockerfiles, DateTimeOffset now, CancellationToken cancellationToken) =>
        Task.CompletedTask; // the event endpoints never read Dockerfiles

    public Task<IReadOnlyList<string>> RepositoriesUsingAsync(string image, string? tag, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>(_uses
            .Where(u => u.Value.Images.Any(i => i.Image == image && (tag is null || i.Tag == tag)))
            .Select(u => u.Key)
            .Order(StringComparer.Ordinal)
            .ToList());

    public Task<IReadOnlyList<RecordedImageUse>> ImageUsesAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<RecordedImageUse>>(_uses
            .OrderBy(u => u.Key, StringComparer.Ordinal)
            .SelectMany(u => u.Value.Images
                .OrderBy(i => i.Image, StringComparer.Ordinal).ThenBy(i => i.Tag, StringComparer.Ordinal)
                .Select(i => new RecordedImageUse(u.Key, i.Image, i.Tag, i.Pinned, u.Value.At)))
            .ToList());

    /// <summary>Records that <paramref name="repository"/> uses <paramref name="images"/> (<c>name:tag</c>, normalized names).</summary>
    public InMemoryImageUsage Uses(string repository, params string[] images)
    {
        _uses[repository] = (images.Select(i => new ImageInUse(i[..i.LastIndexOf(':')], i[(i.LastIndexOf(':') + 1)..], Pinned: true)).ToList(), DateTimeOffset.UnixEpoch);
        return this;
    }
}

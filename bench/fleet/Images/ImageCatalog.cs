using RefreshBot.Domain.Platforms;
using RefreshBot.Testing.Images;

namespace RefreshBot.FleetBench.Images;

/// <summary>
/// The synthetic images of the benchmark: <c>K</c> repositories <c>fleet/baseNN</c> with tags <c>1</c>, <c>2</c>
/// and <c>latest</c> each. Even-numbered repositories are multi-platform (linux/amd64 + linux/arm64; OCI index or
/// Docker manifest list), odd-numbered ones single-platform linux/amd64 manifests (OCI or Docker schema 2).
/// After the fleet is pinned, <see cref="MoveAsync"/> pushes new content under <c>M</c> tags and index churn
/// under one multi-platform tag.
/// </summary>
public sealed class ImageCatalog
{
    public static readonly Platform Amd64 = Platform.LinuxAmd64;
    public static readonly Platform Arm64 = new("linux", "arm64");
    private static readonly string[] TagNames = ["1", "2", "latest"];

    private readonly List<FleetTag> _tags;

    private ImageCatalog(List<FleetTag> tags, FleetTag churned, IReadOnlyList<FleetTag> moved)
    {
        _tags = tags;
        Churned = churned;
        Moved = moved;
    }

    public IReadOnlyList<FleetTag> Tags => _tags;

    /// <summary>The multi-platform tag that will get index churn.</summary>
    public FleetTag Churned { get; }

    /// <summary>The tags that will move.</summary>
    public IReadOnlyList<FleetTag> Moved { get; }

    public IEnumerable<FleetTag> MultiPlatform => _tags.Where(t => t.IsMultiPlatform);

    public static async Task<ImageCatalog> PushAsync(ImagePusher pusher, int images, int moves, int seed, CancellationToken cancellationToken)
    {
        var tags = new List<FleetTag>();
        for (var i = 0; i < images; i++)
        {
            var repository = $"fleet/base{i:D2}";
            var format = (i / 2) % 2 == 0 ? ManifestFormat.Oci : ManifestFormat.Docker;
            foreach (var tag in TagNames)
            {
                var content = i % 2 == 0
                    ? TagContent.Of(await pusher.PushIndexAsync(repository, tag, [Amd64, Arm64], format, cancellationToken: cancellationToken))
                    : TagContent.Of(await pusher.PushImageAsync(repository, tag, Amd64, format, cancellationToken));
                tags.Add(new FleetTag(repository, tag, content));
            }
        }

        var shuffled = tags.ToArray();
        new Random(seed).Shuffle(shuffled);
        var churned = shuffled.FirstOrDefault(t => t.IsMultiPlatform)
            ?? throw new ArgumentException("the benchmark needs at least one multi-platform image (--images 1 or more)");
        var moved = shuffled.Where(t => t != churned).Take(moves).ToList();
        if (moved.Count < moves)
        {
            throw new ArgumentException($"--move {moves} is more than the {tags.Count - 1} tags available to move");
        }

        return new ImageCatalog(tags, churned, moved);
    }

    /// <summary>Moves the chosen tags and pushes index churn; pins written before this are now partly stale.</summary>
    public async Task MoveAsync(ImagePusher pusher, CancellationToken cancellationToken)
    {
        foreach (var tag in Moved)
        {
            var format = FormatOf(tag.Pinned);
            var content = tag.IsMultiPlatform
                ? TagContent.Of(await pusher.PushIndexAsync(tag.Repository, tag.Tag, [Amd64, Arm64], format, cancellationToken: cancellationToken))
                : TagContent.Of(await pusher.PushImageAsync(tag.Repository, tag.Tag, Amd64, format, cancellationToken));
            tag.ChangeTo(content, TagChange.Moved);
        }

        var churn = await pusher.PushIndexChurnAsync(Churned.Repository, Churned.Tag, Churned.Pinned.Index!, keep: Amd64, cancellationToken);
        Churned.ChangeTo(TagContent.Of(churn), TagChange.IndexChurn);
    }

    /// <summary>
    /// Moves <paramref name="count"/> more tags that have not changed yet (for a later cycle over a fleet whose pins
    /// were already judged); returns them. The check's expected verdicts follow (<see cref="FleetTag.ChangeTo"/>).
    /// </summary>
    public async Task<IReadOnlyList<FleetTag>> MoveMoreAsync(ImagePusher pusher, int count, CancellationToken cancellationToken)
    {
        var more = _tags.Where(t => t.Change == TagChange.None).Take(count).ToList();
        foreach (var tag in more)
        {
            var format = FormatOf(tag.Pinned);
            var content = tag.IsMultiPlatform
                ? TagContent.Of(await pusher.PushIndexAsync(tag.Repository, tag.Tag, [Amd64, Arm64], format, cancellationToken: cancellationToken))
                : TagContent.Of(await pusher.PushImageAsync(tag.Repository, tag.Tag, Amd64, format, cancellationToken));
            tag.ChangeTo(content, TagChange.Moved);
        }

        return more;
    }

    private static ManifestFormat FormatOf(TagContent content)
    {
        var mediaType = content.Index?.Index.MediaType ?? content.Manifest!.MediaType;
        return mediaType is MediaTypes.OciIndex or MediaTypes.OciManifest ? ManifestFormat.Oci : ManifestFormat.Docker;
    }
}

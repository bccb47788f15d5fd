namespace RefreshBot.Domain.References;

/// <summary>
/// A parsed, normalized container image reference (distribution/reference grammar):
/// <c>[domain/]path[:tag][@digest]</c>. Parsing normalizes familiar names:
/// <c>node</c> → domain <c>docker.io</c>, path <c>library/node</c>.
/// CONTRACT (shape fixed; implementation owned by the references work item).
/// </summary>
public sealed record ImageReference
{
    public ImageReference(string domain, string path, string? tag, Digest? digest)
    {
        Domain = domain;
        Path = path;
        Tag = tag;
        Digest = digest;
    }

    /// <summary>Registry domain, e.g. <c>docker.io</c>, <c>ghcr.io</c>, <c>localhost:5000</c>.</summary>
    public string Domain { get; }

    /// <summary>Repository path inside the registry, e.g. <c>library/node</c>.</summary>
    public string Path { get; }

    public string? Tag { get; }

    public Digest? Digest { get; }

    /// <summary>Normalized name without tag or digest: <c>docker.io/library/node</c>.</summary>
    public string Name => Domain + "/" + Path;

    /// <summary>Parses and normalizes; throws <see cref="FormatException"/> with a clear message.</summary>
    public static ImageReference Parse(string text) => throw new NotImplementedException();

    public static bool TryParse(string text, out ImageReference? reference, out string? error) => throw new NotImplementedException();

    /// <summary>Same repository, other tag/digest.</summary>
    public ImageReference With(string? tag, Digest? digest) => new(Domain, Path, tag, digest);

    /// <summary>Full normalized string: <c>docker.io/library/node:18@sha256:…</c>.</summary>
    public override string ToString() => Name + (Tag is null ? "" : ":" + Tag) + (Digest is null ? "" : "@" + Digest);
}

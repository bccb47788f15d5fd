namespace RefreshBot.Domain.References;

/// <summary>
/// A parsed, normalized container image reference (distribution/reference grammar):
/// <c>[domain/]path[:tag][@digest]</c>. Parsing normalizes familiar names the way
/// <c>ParseNormalizedNamed</c> does: <c>node</c> → domain <c>docker.io</c>, path <c>library/node</c>;
/// <c>index.docker.io</c> → <c>docker.io</c>. A missing tag stays missing (<see cref="Tag"/> is null);
/// <see cref="TagOrDefault"/> supplies <c>latest</c> where Docker would.
/// </summary>
/// <remarks>
/// Where the first component is a registry: it is one when it contains <c>.</c> or <c>:</c>, is
/// <c>localhost</c>, or has uppercase letters (<c>Foo/bar</c>); otherwise the whole name is a Docker
/// Hub repository. Unlike Go's parser, a first component chosen as registry that is not a valid
/// <c>host[:port]</c> (e.g. <c>foo_bar.com/app</c>) is an error instead of a domain-less name.
/// The 255-character limit applies to the normalized repository path (current distribution/reference).
/// </remarks>
public sealed record ImageReference
{
    /// <summary>The registry Docker Hub references normalize to.</summary>
    public const string DockerHubDomain = "docker.io";

    /// <summary>The legacy Docker Hub domain, normalized to <see cref="DockerHubDomain"/>.</summary>
    public const string LegacyDockerHubDomain = "index.docker.io";

    /// <summary>Namespace of Docker Hub's official images.</summary>
    public const string OfficialRepositoryPrefix = "library/";

    /// <summary>The tag Docker uses when a reference names neither tag nor digest.</summary>
    public const string DefaultTag = "latest";

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

    /// <summary>The tag, or <c>latest</c> when neither tag nor digest was given; null for a digest-only reference.</summary>
    public string? TagOrDefault => Tag ?? (Digest is null ? DefaultTag : null);

    /// <summary>
    /// What to ask the registry for (<c>/v2/&lt;path&gt;/manifests/&lt;this&gt;</c>): the digest when pinned,
    /// else the tag (or <c>latest</c>).
    /// </summary>
    public string ManifestReference => Digest?.ToString() ?? Tag ?? DefaultTag;

    /// <summary>True for Docker Hub references.</summary>
    public bool IsDockerHub => Domain == DockerHubDomain;

    /// <summary>The short name people write: <c>node</c>, <c>grafana/grafana</c>, <c>ghcr.io/org/app</c>.</summary>
    public string FamiliarName
    {
        get
        {
            if (!IsDockerHub)
            {
                return Name;
            }

            if (Path.StartsWith(OfficialRepositoryPrefix, StringComparison.Ordinal)
                && Path.IndexOf('/', OfficialRepositoryPrefix.Length) < 0)
            {
                return Path[OfficialRepositoryPrefix.Length..];
            }

            return Path;
        }
    }

    /// <summary>Familiar name with tag and digest as written: <c>node:18@sha256:…</c>.</summary>
    public string FamiliarString => FamiliarName + (Tag is null ? "" : ":" + Tag) + (Digest is null ? "" : "@" + Digest);

    /// <summary>Parses and normalizes; throws <see cref="FormatException"/> with a clear message.</summary>
    public static ImageReference Parse(string text)
        => TryParse(text, out var reference, out var error) ? reference! : throw new FormatException(error);

    public static bool TryParse(string text, out ImageReference? reference, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        reference = null;
        if (!TryParseNormalized(text, out var domain, out var path, out var tag, out var digest, out var problem))
        {
            error = text.Length == 0 ? problem : $"invalid image reference \"{Shorten(text)}\": {problem}";
            return false;
        }

        reference = new ImageReference(domain, path, tag, digest);
        error = null;
        return true;
    }

    /// <summary>Same repository, other tag/digest. Throws <see cref="ArgumentException"/> for a malformed tag.</summary>
    public ImageReference With(string? tag, Digest? digest)
    {
        if (tag is not null && !ReferenceGrammar.IsTag(tag))
        {
            throw new ArgumentException($"invalid tag format \"{tag}\": up to {ReferenceGrammar.MaxTagLength} letters, digits, '_', '.', '-', not starting with '.' or '-'", nameof(tag));
        }

        return new ImageReference(Domain, Path, tag, digest);
    }

    /// <summary>Full normalized string: <c>docker.io/library/node:18@sha256:…</c>.</summary>
    public override string ToString() => Name + (Tag is null ? "" : ":" + Tag) + (Digest is null ? "" : "@" + Digest);

    private static bool TryParseNormalized(string s, out string domain, out string path, out string? tag, out Digest? digest, out string? error)
    {
        domain = DockerHubDomain;
        path = "";
        tag = null;
        digest = null;
        if (s.Length == 0)
        {
            error = "repository name must have at least one component (the image reference is empty)";
            return false;
        }

        if (s.Length == 64 && s.AsSpan().IndexOfAnyExcept(References.Digest.LowerHex) < 0)
        {
            error = "a 64-character hexadecimal string is an image ID, not a repository name";
            return false;
        }

        var pathStart = 0;
        var slash = s.IndexOf('/');
        if (slash >= 0 && IsRegistryComponent(s.AsSpan(0, slash)))
        {
            var candidate = s.AsSpan(0, slash);
            if (!ReferenceGrammar.IsDomainAndPort(candidate))
            {
                error = $"invalid reference format: registry \"{candidate}\" (before the first '/') is not a valid host[:port]";
                return false;
            }

            domain = candidate.SequenceEqual(DockerHubDomain) || candidate.SequenceEqual(LegacyDockerHubDomain)
                ? DockerHubDomain
                : candidate.ToString();
            pathStart = slash + 1;
        }

        if (!ReferenceGrammar.TryScanPath(s, pathStart, out var pathEnd, out error)
            || !ReferenceGrammar.TryParseSuffix(s, pathEnd, out tag, out digest, out error))
        {
            return false;
        }

        var pathSpan = s.AsSpan(pathStart, pathEnd - pathStart);
        var official = ReferenceEquals(domain, DockerHubDomain) && !pathSpan.Contains('/');
        var pathLength = pathSpan.Length + (official ? OfficialRepositoryPrefix.Length : 0);
        if (pathLength > ReferenceGrammar.MaxPathLength)
        {
            error = $"repository name must not be more than {ReferenceGrammar.MaxPathLength} characters (path is {pathLength})";
            return false;
        }

        path = official ? string.Concat(OfficialRepositoryPrefix, pathSpan) : pathSpan.ToString();
        return true;
    }

    /// <summary>The first component names a registry when it has '.' or ':', is localhost, or has uppercase letters.</summary>
    private static bool IsRegistryComponent(ReadOnlySpan<char> component)
        => component.ContainsAny('.', ':')
           || component.SequenceEqual("localhost")
           || component.ContainsAnyInRange('A', 'Z');

    private static string Shorten(string text) => text.Length <= 300 ? text : string.Concat(text.AsSpan(0, 297), "...");
}

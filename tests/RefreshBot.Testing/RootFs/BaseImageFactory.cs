using RefreshBot.Domain.References;
using RefreshBot.Testing.Images;

namespace RefreshBot.Testing.RootFs;

/// <summary>
/// Test base images made from root filesystems written here (no internet, no docker needed): static busybox as the
/// userland, a hand-written <c>os-release</c> and a package database at the versions given. Pushed straight to a
/// registry over the distribution API as Docker schema-2 manifests; the same packages give the same digest.
/// </summary>
public static class BaseImageFactory
{
    /// <summary>
    /// A Debian-like image: <c>usr/lib/os-release</c> (with <c>etc/os-release</c> a symlink to it, as Debian ships it)
    /// and <c>var/lib/dpkg/status</c> listing <paramref name="packages"/>.
    /// </summary>
    public static Task<BaseImage> CreateDebianLikeAsync(
        Uri registry, string repository, string tag, IReadOnlyList<BasePackage> packages,
        string versionId = "12", string codename = "bookworm", CancellationToken cancellationToken = default)
    {
        var tree = Busybox.AddTo(new RootFsTree())
            .File("usr/lib/os-release", OsReleaseFiles.Debian(versionId, codename))
            .Symlink("etc/os-release", "../usr/lib/os-release")
            .File("etc/debian_version", versionId + "\n")
            .File("var/lib/dpkg/status", PackageDatabases.DpkgStatus(packages));
        return PushAsync(registry, repository, tag, [tree.ToLayer()], cancellationToken);
    }

    /// <summary>An Alpine-like image: <c>etc/os-release</c> and <c>lib/apk/db/installed</c> listing <paramref name="packages"/>.</summary>
    public static Task<BaseImage> CreateAlpineLikeAsync(
        Uri registry, string repository, string tag, IReadOnlyList<BasePackage> packages,
        string versionId = "3.20.3", CancellationToken cancellationToken = default)
    {
        var tree = Busybox.AddTo(new RootFsTree())
            .File("etc/os-release", OsReleaseFiles.Alpine(versionId))
            .File("etc/alpine-release", versionId + "\n")
            .File("lib/apk/db/installed", PackageDatabases.ApkInstalled(packages));
        return PushAsync(registry, repository, tag, [tree.ToLayer()], cancellationToken);
    }

    /// <summary>Pushes an image of the given layers (bottom first) for linux/amd64 and tags it.</summary>
    public static async Task<BaseImage> PushAsync(
        Uri registry, string repository, string tag, IReadOnlyList<RootFsLayer> layers, CancellationToken cancellationToken = default)
    {
        var config = ImageDocuments.Config(layers);
        var manifest = ImageDocuments.Manifest(config, layers);
        using var pusher = new ImagePusher(registry);
        foreach (var layer in layers)
        {
            await pusher.PushBlobAsync(repository, layer.Compressed, cancellationToken);
        }

        await pusher.PushBlobAsync(repository, config, cancellationToken);
        var digest = await pusher.PushManifestAsync(repository, tag, ImageDocuments.ManifestMediaType, manifest, cancellationToken);
        var host = registry.IsDefaultPort ? registry.Host : registry.Host + ":" + registry.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new BaseImage(host, repository, tag, digest, [.. layers.Select(l => Digest.Parse(l.Digest))], manifest);
    }
}

/// <summary>A pushed base image: where it is, its manifest digest and bytes, and its layer digests (bottom first).</summary>
public sealed record BaseImage(string Registry, string Repository, string Tag, Digest Digest, IReadOnlyList<Digest> Layers, byte[] Manifest)
{
    /// <summary><c>host:port/repository:tag</c>, for a Dockerfile's FROM.</summary>
    public string Reference => $"{Registry}/{Repository}:{Tag}";

    /// <summary><c>host:port/repository@sha256:…</c>.</summary>
    public string PinnedReference => $"{Registry}/{Repository}@{Digest}";
}

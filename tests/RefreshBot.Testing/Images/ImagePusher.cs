using System.Net.Http.Headers;
using System.Security.Cryptography;
using RefreshBot.Domain.Platforms;
using RefreshBot.Domain.References;

namespace RefreshBot.Testing.Images;

/// <summary>
/// Pushes synthetic images to a registry over the distribution HTTP API (no docker needed):
/// random layer, config, manifest; multi-platform indexes; tag moves; "index churn".
/// Talk to the registry directly (not through a <c>CountingProxy</c>) so pushes don't count.
/// </summary>
public sealed partial class ImagePusher : IDisposable
{
    private readonly HttpClient _http;

    /// <param name="registry">Registry base, e.g. <c>http://127.0.0.1:PORT/</c>.</param>
    /// <param name="username">Basic credentials for htpasswd or token auth (optional).</param>
    public ImagePusher(Uri registry, string? username = null, string? password = null)
    {
        _http = new HttpClient(new PushAuthenticator(username, password)) { BaseAddress = registry, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>Pushes one single-platform image and tags it (when <paramref name="tag"/> is given).</summary>
    public async Task<PushedManifest> PushImageAsync(
        string repository, string? tag, Platform? platform = null, ManifestFormat format = ManifestFormat.Oci, CancellationToken cancellationToken = default)
    {
        platform ??= Platform.LinuxAmd64;
        var (layer, diffId) = SyntheticImage.Layer();
        var config = SyntheticImage.Config(platform, diffId);
        await PushBlobAsync(repository, layer, cancellationToken);
        await PushBlobAsync(repository, config, cancellationToken);
        var manifest = SyntheticImage.Manifest(format, config, layer);
        var mediaType = MediaTypes.Manifest(format);
        var digest = await PushManifestAsync(repository, tag ?? SyntheticImage.DigestText(manifest), mediaType, manifest, cancellationToken);
        return new PushedManifest(digest, mediaType, manifest, platform);
    }

    /// <summary>Pushes a fresh image for each platform and an index over them, tagged <paramref name="tag"/>.</summary>
    public async Task<PushedIndex> PushIndexAsync(
        string repository, string? tag, IEnumerable<Platform> platforms, ManifestFormat format = ManifestFormat.Oci,
        IReadOnlyDictionary<string, string>? annotations = null, CancellationToken cancellationToken = default)
    {
        var children = new List<PushedManifest>();
        foreach (var platform in platforms)
        {
            children.Add(await PushImageAsync(repository, tag: null, platform, format, cancellationToken));
        }

        return await PushIndexOverAsync(repository, tag, children, format, annotations, cancellationToken);
    }

    /// <summary>Pushes an index over already pushed children (re-using them keeps their digests).</summary>
    public async Task<PushedIndex> PushIndexOverAsync(
        string repository, string? tag, IReadOnlyList<PushedManifest> children, ManifestFormat format = ManifestFormat.Oci,
        IReadOnlyDictionary<string, string>? annotations = null, CancellationToken cancellationToken = default)
    {
        var content = SyntheticImage.Index(format, children, annotations);
        var mediaType = MediaTypes.Index(format);
        var digest = await PushManifestAsync(repository, tag ?? SyntheticImage.DigestText(content), mediaType, content, cancellationToken);
        return new PushedIndex(new PushedManifest(digest, mediaType, content, null), children);
    }

    /// <summary>
    /// Index churn: a new index digest under <paramref name="tag"/> whose <paramref name="keep"/> child is
    /// unchanged; every other platform gets a freshly built child.
    /// </summary>
    public async Task<PushedIndex> PushIndexChurnAsync(
        string repository, string tag, PushedIndex previous, Platform keep, CancellationToken cancellationToken = default)
    {
        var format = previous.Index.MediaType == MediaTypes.OciIndex ? ManifestFormat.Oci : ManifestFormat.Docker;
        var children = new List<PushedManifest>();
        foreach (var child in previous.Children)
        {
            children.Add(child.Platform == keep
                ? child
                : await PushImageAsync(repository, tag: null, child.Platform, format, cancellationToken));
        }

        return await PushIndexOverAsync(repository, tag, children, format, null, cancellationToken);
    }

    /// <summary>PUTs raw manifest bytes under a tag or digest; returns the registry's Docker-Content-Digest.</summary>
    public async Task<Digest> PushManifestAsync(
        string repository, string reference, string mediaType, byte[] content, CancellationToken cancellationToken = default)
    {
        using var body = new ByteArrayContent(content);
        body.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        using var response = await _http.PutAsync($"v2/{repository}/manifests/{reference}", body, cancellationToken);
        await EnsureAsync(response, "PUT manifest " + repository + ":" + reference, cancellationToken);
        var digest = response.Headers.GetValues("Docker-Content-Digest").Single();
        var colon = digest.IndexOf(':', StringComparison.Ordinal);
        return new Digest(digest[..colon], digest[(colon + 1)..]);
    }

    /// <summary>Monolithic blob upload (POST then PUT ?digest=).</summary>
    public async Task PushBlobAsync(string repository, byte[] content, CancellationToken cancellationToken = default)
    {
        var digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));
        using var start = await _http.PostAsync($"v2/{repository}/blobs/uploads/", null, cancellationToken);
        await EnsureAsync(start, "POST blob upload " + repository, cancellationToken);
        var location = start.Headers.Location ?? throw new InvalidOperationException("blob upload without Location");
        var target = location.IsAbsoluteUri ? location : new Uri(_http.BaseAddress!, location);
        var separator = target.Query.Length == 0 ? "?" : "&";
        using var body = new ByteArrayContent(content);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var put = await _http.PutAsync(new Uri(target + separator + "digest=" + Uri.EscapeDataString(digest)), body, cancellationToken);
        await EnsureAsync(put, "PUT blob " + repository, cancellationToken);
    }

    public void Dispose() => _http.Dispose();

    private static async Task EnsureAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new InvalidOperationException($"{what}: {(int)response.StatusCode} {text}");
        }
    }
}

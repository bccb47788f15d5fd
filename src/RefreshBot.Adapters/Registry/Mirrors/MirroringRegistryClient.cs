using Microsoft.Extensions.Logging;
using RefreshBot.Application.Ports;
using RefreshBot.Domain.Manifests;
using RefreshBot.Domain.References;

namespace RefreshBot.Adapters.Registry.Mirrors;

/// <summary>
/// Registry mirrors, as containerd's <c>hosts.toml</c> does them: for a registry with <see cref="RegistryOptions.Mirrors"/>,
/// each mirror is asked first (same repository path, same tag or digest), in order; the registry itself is asked only when
/// every mirror failed (any kind: a mirror that lacks an image or is down is not an answer). Answers are
/// content-addressed and verified by the inner client, so where a manifest came from does not matter.
/// A mirror's own settings (insecure, credentials) are those of its own entry in the registry list, if any.
/// </summary>
public sealed partial class MirroringRegistryClient(IRegistryClient inner, IReadOnlyList<RegistryOptions> registries, ILogger<MirroringRegistryClient> logger)
    : IRegistryClient, IDisposable
{
    public void Dispose() => (inner as IDisposable)?.Dispose();

    public Task<ManifestDescriptor> HeadManifestAsync(ImageReference image, string reference, CancellationToken cancellationToken) =>
        FirstAnswerAsync(image, reference, (i, c) => inner.HeadManifestAsync(i, reference, c), cancellationToken);

    public Task<FetchedManifest> GetManifestAsync(ImageReference image, string reference, CancellationToken cancellationToken) =>
        FirstAnswerAsync(image, reference, (i, c) => inner.GetManifestAsync(i, reference, c), cancellationToken);

    private async Task<T> FirstAnswerAsync<T>(
        ImageReference image, string reference, Func<ImageReference, CancellationToken, Task<T>> ask, CancellationToken cancellationToken)
    {
        var mirrors = registries.FirstOrDefault(r => string.Equals(r.Host, image.Domain, StringComparison.OrdinalIgnoreCase))?.Mirrors ?? [];
        foreach (var mirror in mirrors)
        {
            try
            {
                return await ask(new ImageReference(mirror, image.Path, image.Tag, image.Digest), cancellationToken).ConfigureAwait(false);
            }
            catch (RegistryException e)
            {
                LogMirrorFailed(logger, mirror, image.Domain, image.Path, reference, e.Kind);
            }
        }

        return await ask(image, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Mirror {Mirror} of {Registry} could not answer for {Image}:{Reference} ({Kind}); trying the next")]
    private static partial void LogMirrorFailed(ILogger logger, string mirror, string registry, string image, string reference, RegistryErrorKind kind);
}

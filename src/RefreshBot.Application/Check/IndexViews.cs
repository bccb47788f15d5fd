using RefreshBot.Application.Ports;
using RefreshBot.Domain.Detection;
using RefreshBot.Domain.Platforms;
using RefreshBot.Domain.References;

namespace RefreshBot.Application.Check;

/// <summary>Turns fetched index bytes into the <see cref="IndexView"/> the decision needs.</summary>
internal static class IndexViews
{
    public static IndexView Read(ImageReference image, FetchedManifest fetched, Platform platform)
    {
        throw new NotImplementedException("waiting for Manifests/ManifestDocument + ImageIndex.SelectPlatform");
    }
}

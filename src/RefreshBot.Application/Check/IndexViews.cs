using RefreshBot.Application.Ports;
using RefreshBot.Domain.Detection;
using RefreshBot.Domain.Manifests;
using RefreshBot.Domain.References;

namespace RefreshBot.Application.Check;

/// <summary>Turns fetched index bytes into the <see cref="DigestedIndex"/> the decision reads.</summary>
internal static class IndexViews
{
    /// <summary>Parses <paramref name="fetched"/> as an index; anything else is an <see cref="RegistryErrorKind.Invalid"/> answer.</summary>
    public static DigestedIndex Read(ImageReference image, FetchedManifest fetched)
    {
        var digest = fetched.Descriptor.Digest;
        if (!ManifestDocument.TryParse(fetched.Descriptor.MediaType, fetched.Content.Span, out var document, out var error))
        {
            throw new RegistryException(RegistryErrorKind.Invalid, image.Domain, image.Path + "@" + digest, error ?? "unreadable manifest");
        }

        return document is ImageIndex index
            ? new DigestedIndex(digest, index)
            : throw new RegistryException(RegistryErrorKind.Invalid, image.Domain, image.Path + "@" + digest, $"expected an index, got {document!.MediaType}");
    }
}

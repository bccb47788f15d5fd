namespace RefreshBot.Domain.Manifests;

/// <summary>Raised inside the manifest reader and turned into an error string by <see cref="ManifestDocument.TryParse"/>.</summary>
internal sealed class ManifestFormatException(string location, string message)
    : Exception(location.Length == 0 ? message : $"{location}: {message}");

using System.Text.Json.Serialization;

namespace RefreshBot.Adapters.Caching;

/// <summary>The small file next to a cached manifest: what the registry said the bytes are.</summary>
internal sealed record ManifestEntry(string MediaType, long Size);

/// <summary>A cached HEAD of a digest in a repository. The key fields are stored too and checked on read.</summary>
internal sealed record PinnedEntry(string Registry, string Repository, string Digest, string MediaType, long Size, DateTimeOffset CheckedAt);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ManifestEntry))]
[JsonSerializable(typeof(PinnedEntry))]
internal sealed partial class CacheEntryJson : JsonSerializerContext;

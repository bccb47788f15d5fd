using RefreshBot.Domain.Platforms;

namespace RefreshBot.Application.Check;

/// <summary>What to check and how.</summary>
/// <param name="Root">Folder to search for Dockerfiles.</param>
/// <param name="DefaultPlatform">Platform compared when a FROM has no usable <c>--platform</c> of its own.</param>
/// <param name="BuildArgs">Overrides for ARG defaults, as <c>--build-arg</c>.</param>
/// <param name="MaxConcurrentRequests">Most registry requests in flight at once across the whole check.</param>
public sealed record CheckRequest(
    string Root,
    Platform DefaultPlatform,
    IReadOnlyDictionary<string, string> BuildArgs,
    int MaxConcurrentRequests = 8);

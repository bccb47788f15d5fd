using RefreshBot.Application.Fleet;

namespace RefreshBot.Host.Endpoints.Events;

/// <summary>
/// The repositories events can wake: in the service, the live fleet (configured and discovered, replaced when the
/// fleet is rediscovered); in tests, a fixed list.
/// </summary>
public sealed class EventFleet(Func<IReadOnlyList<TrackedRepository>> repositories)
{
    public EventFleet(IReadOnlyList<TrackedRepository> repositories)
        : this(() => repositories)
    {
    }

    /// <summary>The tracked GitHub repository <paramref name="fullName"/> (<c>owner/name</c>, case-insensitive, as GitHub does), or null.</summary>
    public TrackedRepository? GitHub(string fullName) =>
        repositories().FirstOrDefault(r => r.Location is RepositoryLocation.GitHub g
            && string.Equals($"{g.Owner}/{g.Name}", fullName, StringComparison.OrdinalIgnoreCase));
}

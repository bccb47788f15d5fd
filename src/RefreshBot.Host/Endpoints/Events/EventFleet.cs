using RefreshBot.Application.Fleet;

namespace RefreshBot.Host.Endpoints.Events;

/// <summary>The tracked repositories as the event endpoints see them (GitHub webhooks name repositories by <c>owner/name</c>).</summary>
public sealed class EventFleet(IReadOnlyList<TrackedRepository> repositories)
{
    /// <summary>The tracked GitHub repository <paramref name="fullName"/> (<c>owner/name</c>, case-insensitive, as GitHub does), or null.</summary>
    public TrackedRepository? GitHub(string fullName) =>
        repositories.FirstOrDefault(r => r.Location is RepositoryLocation.GitHub g
            && string.Equals($"{g.Owner}/{g.Name}", fullName, StringComparison.OrdinalIgnoreCase));
}

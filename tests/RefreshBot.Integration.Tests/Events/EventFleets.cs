using RefreshBot.Application.Fleet;
using RefreshBot.Domain.Platforms;
using RefreshBot.Host.Config;

namespace RefreshBot.Integration.Tests.Events;

/// <summary>Tracked repositories and event settings as the config would give them.</summary>
internal static class EventFleets
{
    public const string GitHubSecret = "It's a Secret to Everybody";
    public const string TriggerToken = "trigger-s3cret-token";
    public const string RegistrySecret = "registry-s3cret-value";

    public static TrackedRepository GitHub(string ownerAndName, string? branch = null)
    {
        var parts = ownerAndName.Split('/');
        return new TrackedRepository(
            ownerAndName, new RepositoryLocation.GitHub(parts[0], parts[1]), branch, [], new Dictionary<string, string>(), [Platform.LinuxAmd64],
            UpdateGrouping.Repository, [], [], [], null, RefreshPolicy.Default);
    }

    public static EventSettings Settings(string registryHeader = RegistryEventSettings.DefaultHeader) => new(
        EventSettings.DefaultDebounce,
        new RegistryEventSettings(registryHeader, new SecretText(RegistrySecret)),
        new SecretText(GitHubSecret),
        new SecretText(TriggerToken));
}

using YamlDotNet.RepresentationModel;

namespace RefreshBot.Host.Config;

/// <summary>
/// Reads <c>registryClient:</c> (<see cref="RegistryClientSettings"/>): <c>requestTimeout</c> (1s..10m), <c>retries</c> (0..10),
/// <c>maxRetryAfter</c> (0..1h), <c>unreachableCooldown</c> (0..24h). Durations as in <c>service:</c>.
/// </summary>
internal static class RegistryClientSection
{
    public static readonly string[] Keys = ["requestTimeout", "retries", "maxRetryAfter", "unreachableCooldown"];

    public static RegistryClientSettings Read(YamlNodes yaml, YamlNode? node)
    {
        var defaults = RegistryClientSettings.Default;
        if (node is null)
        {
            return defaults;
        }

        var map = yaml.Mapping(node, "registryClient", Keys);
        return new RegistryClientSettings(
            yaml.Optional<TimeSpan?>(map, "requestTimeout", n => Duration(yaml, n, "requestTimeout", TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10)))
                ?? defaults.RequestTimeout,
            yaml.Optional<int?>(map, "retries", n => yaml.Integer(n, "registryClient.retries", 0, 10)) ?? defaults.Retries,
            yaml.Optional<TimeSpan?>(map, "maxRetryAfter", n => Duration(yaml, n, "maxRetryAfter", TimeSpan.Zero, TimeSpan.FromHours(1)))
                ?? defaults.MaxRetryAfter,
            yaml.Optional<TimeSpan?>(map, "unreachableCooldown", n => Duration(yaml, n, "unreachableCooldown", TimeSpan.Zero, TimeSpan.FromHours(24)))
                ?? defaults.UnreachableCooldown);
    }

    private static TimeSpan Duration(YamlNodes yaml, YamlNode node, string key, TimeSpan shortest, TimeSpan longest) =>
        ServiceSection.Duration(yaml, node, "registryClient." + key, shortest, longest);
}

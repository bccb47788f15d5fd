using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace RefreshBot.Host.Config;

/// <summary>
/// Reads <c>service:</c> (<see cref="ServiceSettings"/>): listen URL, jitter, shutdown timeout, the default, vulnerability
/// data, digest and re-discovery schedules (cron text or <c>{cron, timeZone}</c>, as a repository's <c>schedule</c>) and
/// <c>cluster.checkinInterval</c>; <c>listen</c> defaults to <c>$REFRESHBOT_LISTEN</c>, else http://127.0.0.1:8080. Durations: <c>500ms</c>, <c>7.5s</c>, <c>30m</c>, <c>6h</c>, or <c>0</c>.
/// </summary>
internal static partial class ServiceSection
{
    public static readonly string[] Keys = ["listen", "jitter", "shutdownTimeout", "defaultSchedule", "vulnerabilityRefresh", "digest", "discovery", "cluster"];
    private static readonly string[] ClusterKeys = ["checkinInterval"];

    /// <summary>The listen URL when <c>service.listen</c> is not set (lets several workers share one config file).</summary>
    public const string ListenVariable = "REFRESHBOT_LISTEN";

    /// <param name="file">The config file (for errors about <see cref="ListenVariable"/>).</param>
    /// <param name="environment">The environment the config sees.</param>
    public static ServiceSettings Read(YamlNodes yaml, YamlNode? node, string file, Func<string, string?> environment)
    {
        var defaults = ServiceSettings.Default;
        if (environment(ListenVariable) is { Length: > 0 } listenText)
        {
            defaults = defaults with
            {
                Listen = TryListen(listenText) ?? throw new ConfigException(
                    file, $"${ListenVariable}: expected a URL such as http://127.0.0.1:8080 (no path), got '{listenText}'"),
            };
        }

        if (node is null)
        {
            return defaults;
        }

        var map = yaml.Mapping(node, "service", Keys);
        var cluster = yaml.Optional(map, "cluster", clusterNode => yaml.Mapping(clusterNode, "service.cluster", ClusterKeys));
        return defaults with
        {
            Listen = yaml.Optional(map, "listen", listen => Listen(yaml, listen)) ?? defaults.Listen,
            Jitter = yaml.Optional<TimeSpan?>(map, "jitter", jitter => Duration(yaml, jitter, "service.jitter", TimeSpan.Zero, TimeSpan.FromHours(24)))
                ?? defaults.Jitter,
            ShutdownTimeout = yaml.Optional<TimeSpan?>(
                map, "shutdownTimeout", timeout => Duration(yaml, timeout, "service.shutdownTimeout", TimeSpan.Zero, TimeSpan.FromHours(1)))
                ?? defaults.ShutdownTimeout,
            DefaultSchedule = yaml.Optional(map, "defaultSchedule", schedule => RepositorySettingsReader.Schedule(yaml, schedule, "service.defaultSchedule"))
                ?? defaults.DefaultSchedule,
            VulnerabilityRefresh = yaml.Optional(
                map, "vulnerabilityRefresh", refresh => RepositorySettingsReader.Schedule(yaml, refresh, "service.vulnerabilityRefresh"))
                ?? defaults.VulnerabilityRefresh,
            Digest = yaml.Optional(map, "digest", digest => RepositorySettingsReader.Schedule(yaml, digest, "service.digest")) ?? defaults.Digest,
            Discovery = yaml.Optional(map, "discovery", discovery => RepositorySettingsReader.Schedule(yaml, discovery, "service.discovery"))
                ?? defaults.Discovery,
            CheckinInterval = yaml.Optional<TimeSpan?>(
                cluster, "checkinInterval", checkin => Duration(yaml, checkin, "service.cluster.checkinInterval", TimeSpan.FromMilliseconds(500), TimeSpan.FromMinutes(10)))
                ?? defaults.CheckinInterval,
        };
    }

    private static Uri Listen(YamlNodes yaml, YamlNode node)
    {
        var text = yaml.RequiredValue(node, "service.listen");
        return TryListen(text)
            ?? throw yaml.Error(node, $"service.listen: expected a URL such as http://127.0.0.1:8080 or http://0.0.0.0:8080 (no path), got '{yaml.Text(node, "service.listen")}'");
    }

    private static Uri? TryListen(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            && uri.AbsolutePath == "/" && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.UserInfo)
            ? uri
            : null;

    /// <summary>A duration from <paramref name="shortest"/> to <paramref name="longest"/>.</summary>
    public static TimeSpan Duration(YamlNodes yaml, YamlNode node, string what, TimeSpan shortest, TimeSpan longest)
    {
        var text = yaml.Text(node, what);
        var match = DurationText().Match(text);
        TimeSpan? value = text == "0" ? TimeSpan.Zero : null;
        if (value is null && match.Success
            && decimal.TryParse(match.Groups["n"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n)
            && n <= 1_000_000)
        {
            var milliseconds = match.Groups["unit"].Value switch
            {
                "ms" => n,
                "s" => n * 1000,
                "m" => n * 60_000,
                _ => n * 3_600_000,
            };
            value = TimeSpan.FromMilliseconds((double)decimal.Round(milliseconds));
        }

        if (value is not { } duration || duration < shortest || duration > longest)
        {
            throw yaml.Error(node, $"{what}: expected a duration from {Describe(shortest)} to {Describe(longest)} such as 500ms, 7.5s, 30m or 6h, got '{text}'");
        }

        return duration;
    }

    private static string Describe(TimeSpan duration) => duration switch
    {
        { Ticks: 0 } => "0",
        { TotalHours: >= 1 } when duration.TotalHours % 1 == 0 => $"{duration.TotalHours:0}h",
        { TotalMinutes: >= 1 } when duration.TotalMinutes % 1 == 0 => $"{duration.TotalMinutes:0}m",
        { TotalSeconds: >= 1 } when duration.TotalSeconds % 1 == 0 => $"{duration.TotalSeconds:0}s",
        _ => $"{duration.TotalMilliseconds:0}ms",
    };

    [GeneratedRegex(@"^(?<n>[0-9]+(\.[0-9]+)?)(?<unit>ms|s|m|h)$")]
    private static partial Regex DurationText();
}

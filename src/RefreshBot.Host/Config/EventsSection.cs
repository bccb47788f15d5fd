using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace RefreshBot.Host.Config;

/// <summary>
/// Reads <c>events:</c>: <c>debounce</c>, <c>registry: {header, secret}</c>, <c>github: {secret}</c>, <c>trigger: {token}</c>.
/// Secrets only from <c>${env:NAME}</c> / <c>${file:PATH}</c>.
/// </summary>
internal static class EventsSection
{
    private static readonly string[] Keys = ["debounce", "registry", "github", "trigger"];
    private static readonly string[] RegistryKeys = ["header", "secret"];
    private static readonly string[] GitHubKeys = ["secret"];
    private static readonly string[] TriggerKeys = ["token"];
    private static readonly TimeSpan LongestDebounce = TimeSpan.FromHours(1);

    public static EventSettings Read(YamlNodes yaml, YamlNode? node)
    {
        if (node is null)
        {
            return EventSettings.Disabled;
        }

        var map = yaml.Mapping(node, "events", Keys);
        var debounce = map.TryGetValue("debounce", out var debounceNode) ? Debounce(yaml, debounceNode) : EventSettings.DefaultDebounce;
        RegistryEventSettings? registry = null;
        if (map.TryGetValue("registry", out var registryNode))
        {
            var section = yaml.Mapping(registryNode, "events.registry", RegistryKeys);
            var header = section.TryGetValue("header", out var headerNode) ? Header(yaml, headerNode) : RegistryEventSettings.DefaultHeader;
            registry = new RegistryEventSettings(header, Required(yaml, section, "secret", "events.registry"));
        }

        var github = map.TryGetValue("github", out var githubNode)
            ? Required(yaml, yaml.Mapping(githubNode, "events.github", GitHubKeys), "secret", "events.github")
            : null;
        var trigger = map.TryGetValue("trigger", out var triggerNode)
            ? Required(yaml, yaml.Mapping(triggerNode, "events.trigger", TriggerKeys), "token", "events.trigger")
            : null;
        return new EventSettings(debounce, registry, github, trigger);
    }

    private static SecretText Required(YamlNodes yaml, YamlMap map, string key, string what) =>
        map.TryGetValue(key, out var node)
            ? yaml.Secret(node, $"{what}.{key}")
            : throw yaml.Error(map.Node, $"{what}: expected '{key}: ${{env:NAME}}' or '{key}: ${{file:PATH}}' (the endpoint is served only with it)");

    /// <summary>An HTTP header name (RFC 9110 token characters).</summary>
    private static string Header(YamlNodes yaml, YamlNode node)
    {
        var text = yaml.Text(node, "events.registry.header");
        if (text.Length == 0 || !text.All(c => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal)))
        {
            throw yaml.Error(node, $"events.registry.header: expected an HTTP header name such as Authorization or X-Registry-Secret, got '{text}'");
        }

        return text;
    }

    /// <summary><c>0</c> (no wait), or a duration such as <c>10s</c>, <c>2m</c>; at most an hour.</summary>
    private static TimeSpan Debounce(YamlNodes yaml, YamlNode node)
    {
        var text = yaml.Text(node, "events.debounce");
        if (text == "0")
        {
            return TimeSpan.Zero;
        }

        var digits = text.TakeWhile(char.IsAsciiDigit).Count();
        long unit = text[digits..] switch
        {
            "s" => 1,
            "m" => 60,
            "h" => 3600,
            _ => 0,
        };
        if (digits == 0 || unit == 0 || !long.TryParse(text[..digits], NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            || n > LongestDebounce.TotalSeconds / unit)
        {
            throw yaml.Error(node, $"events.debounce: expected a duration such as 30s or 2m (0: none; at most 1h), got '{text}'");
        }

        return TimeSpan.FromSeconds(n * unit);
    }
}

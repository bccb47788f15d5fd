using System.Globalization;
using RefreshBot.Application.Evaluation;
using YamlDotNet.RepresentationModel;

namespace RefreshBot.Host.Config;

/// <summary>Where vulnerability data comes from: a folder or zip of OSV records, or the OSV querybatch API; neither: none.</summary>
public sealed record VulnerabilitySettings(string? OsvDirectory, Uri? OsvApi)
{
    public static readonly VulnerabilitySettings None = new(null, null);
}

/// <summary>
/// Reads <c>build: {enabled, timeout, memory, network, draftOnFailure}</c> (build args are the repository's
/// <c>buildArgs</c>) and
/// <c>vulnerabilities: {osvDirectory | osvApi}</c>. Durations are <c>90s</c>, <c>10m</c>, <c>1h</c>; sizes <c>512m</c>, <c>2g</c>.
/// </summary>
internal static class EvaluationSection
{
    public static readonly string[] BuildKeys = ["enabled", "timeout", "memory", "network", "draftOnFailure"];
    public static readonly string[] VulnerabilityKeys = ["osvDirectory", "osvApi"];

    private static readonly Dictionary<string, string> Networks = new(StringComparer.Ordinal) { ["default"] = "default", ["none"] = "none" };

    public static EvaluationOptions ReadBuild(YamlNodes yaml, YamlNode? node)
    {
        if (node is null)
        {
            return EvaluationOptions.Disabled;
        }

        var map = yaml.Mapping(node, "build", BuildKeys);
        var options = EvaluationOptions.Disabled;
        if (map.TryGetValue("enabled", out var enabled))
        {
            options = options with { Enabled = yaml.Boolean(enabled, "build.enabled") };
        }

        if (map.TryGetValue("timeout", out var timeout))
        {
            options = options with { Timeout = Duration(yaml, timeout, "build.timeout") };
        }

        if (map.TryGetValue("memory", out var memory))
        {
            options = options with { MemoryBytes = Size(yaml, memory, "build.memory") };
        }

        if (map.TryGetValue("network", out var network))
        {
            options = options with { Network = yaml.Choice(network, "build.network", Networks) };
        }

        if (map.TryGetValue("draftOnFailure", out var draft))
        {
            options = options with { DraftOnFailure = yaml.Boolean(draft, "build.draftOnFailure") };
        }

        return options;
    }

    public static VulnerabilitySettings ReadVulnerabilities(YamlNodes yaml, YamlNode? node)
    {
        if (node is null)
        {
            return VulnerabilitySettings.None;
        }

        var map = yaml.Mapping(node, "vulnerabilities", VulnerabilityKeys);
        var hasDirectory = map.TryGetValue("osvDirectory", out var directory);
        var hasApi = map.TryGetValue("osvApi", out var api);
        if (hasDirectory && hasApi)
        {
            throw yaml.Error(map.Node, "vulnerabilities: expected one of 'osvDirectory' or 'osvApi', not both");
        }

        if (hasDirectory)
        {
            return new VulnerabilitySettings(yaml.Folder(directory, "vulnerabilities.osvDirectory"), null);
        }

        if (hasApi)
        {
            var text = yaml.RequiredValue(api, "vulnerabilities.osvApi");
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.UserInfo.Length > 0)
            {
                throw yaml.Error(api, $"vulnerabilities.osvApi: expected an http(s) URL such as https://api.osv.dev/, got '{yaml.Text(api, "osvApi")}'");
            }

            return new VulnerabilitySettings(null, uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/"));
        }

        return VulnerabilitySettings.None;
    }

    private static TimeSpan Duration(YamlNodes yaml, YamlNode node, string what)
    {
        var text = yaml.Text(node, what);
        var (number, unit) = Split(text);
        var seconds = unit switch
        {
            "s" => 1,
            "m" => 60,
            "h" => 3600,
            _ => 0,
        };
        if (seconds == 0 || number is not { } n || n < 1 || n * seconds > 24 * 3600)
        {
            throw yaml.Error(node, $"{what}: expected a duration such as 90s, 10m or 1h (at most 24h), got '{text}'");
        }

        return TimeSpan.FromSeconds(n * seconds);
    }

    private static long Size(YamlNodes yaml, YamlNode node, string what)
    {
        var text = yaml.Text(node, what);
        var (number, unit) = Split(text.ToLowerInvariant());
        long factor = unit switch
        {
            "m" => 1024L * 1024,
            "g" => 1024L * 1024 * 1024,
            _ => 0,
        };
        if (factor == 0 || number is not { } n || n < 6 && unit == "m" || n > 1024 * 1024)
        {
            throw yaml.Error(node, $"{what}: expected a memory size such as 512m or 2g (at least 6m), got '{text}'");
        }

        return n * factor;
    }

    private static (long? Number, string Unit) Split(string text)
    {
        var digits = text.TakeWhile(char.IsAsciiDigit).Count();
        return digits == 0 || !long.TryParse(text[..digits], NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? (null, text)
            : (n, text[digits..]);
    }
}

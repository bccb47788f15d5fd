using System.Globalization;
using RefreshBot.Adapters.Vulnerabilities.Scanners;
using RefreshBot.Application.Evaluation;
using YamlDotNet.RepresentationModel;

namespace RefreshBot.Host.Config;

/// <summary>
/// Where vulnerability data comes from: a folder or zip of OSV records, the OSV querybatch API, or a Trivy/Grype
/// <see cref="Scanner"/> run on the built images; none of them: none.
/// </summary>
public sealed record VulnerabilitySettings(string? OsvDirectory, Uri? OsvApi)
{
    public ScannerOptions? Scanner { get; init; }

    public static readonly VulnerabilitySettings None = new(null, null);
}

/// <summary>
/// Reads <c>build: {enabled, timeout, memory, network, draftOnFailure}</c> (build args are the repository's
/// <c>buildArgs</c>) and
/// <c>vulnerabilities: {osvDirectory | osvApi | scanner: {kind: trivy|grype, path, timeout}}</c>. Durations are <c>90s</c>, <c>10m</c>, <c>1h</c>; sizes <c>512m</c>, <c>2g</c>.
/// </summary>
internal static class EvaluationSection
{
    public static readonly string[] BuildKeys = ["enabled", "timeout", "memory", "cpus", "network", "draftOnFailure"];
    public static readonly string[] VulnerabilityKeys = ["osvDirectory", "osvApi", "scanner"];
    public static readonly string[] ScannerKeys = ["kind", "path", "timeout"];

    private static readonly Dictionary<string, ScannerKind> ScannerKinds = new(StringComparer.Ordinal) { ["trivy"] = ScannerKind.Trivy, ["grype"] = ScannerKind.Grype };

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

        if (map.TryGetValue("cpus", out var cpus))
        {
            options = options with { Cpus = Cpus(yaml, cpus) };
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
        var hasScanner = map.TryGetValue("scanner", out var scanner);
        if ((hasDirectory ? 1 : 0) + (hasApi ? 1 : 0) + (hasScanner ? 1 : 0) > 1)
        {
            throw yaml.Error(map.Node, hasScanner
                ? "vulnerabilities: expected one of 'osvDirectory', 'osvApi' or 'scanner', not several"
                : "vulnerabilities: expected one of 'osvDirectory' or 'osvApi', not both");
        }

        if (hasScanner)
        {
            return VulnerabilitySettings.None with { Scanner = ReadScanner(yaml, scanner!) };
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

    private static ScannerOptions ReadScanner(YamlNodes yaml, YamlNode node)
    {
        var map = yaml.Mapping(node, "vulnerabilities.scanner", ScannerKeys);
        if (!map.TryGetValue("kind", out var kindNode))
        {
            throw yaml.Error(map.Node, "vulnerabilities.scanner: 'kind' is required (trivy or grype)");
        }

        var kind = yaml.Choice(kindNode, "vulnerabilities.scanner.kind", ScannerKinds);
        var path = kind == ScannerKind.Trivy ? "/usr/bin/trivy" : "/usr/bin/grype";
        if (map.TryGetValue("path", out var pathNode))
        {
            path = yaml.RequiredValue(pathNode, "vulnerabilities.scanner.path");
            if (!Path.IsPathFullyQualified(path))
            {
                throw yaml.Error(pathNode, $"vulnerabilities.scanner.path: expected an absolute path such as /usr/bin/trivy, got '{path}'");
            }
        }

        var timeout = map.TryGetValue("timeout", out var timeoutNode) ? Duration(yaml, timeoutNode, "vulnerabilities.scanner.timeout") : TimeSpan.FromMinutes(5);
        return new ScannerOptions(kind, path, timeout);
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

    private static double Cpus(YamlNodes yaml, YamlNode node)
    {
        var text = yaml.Text(node, "build.cpus");
        return double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var cpus) && cpus >= 0.01 && cpus <= 256
            ? cpus
            : throw yaml.Error(node, $"build.cpus: expected a number of cores from 0.01 to 256 such as 1 or 1.5, got '{text}'");
    }

    private static (long? Number, string Unit) Split(string text)
    {
        var digits = text.TakeWhile(char.IsAsciiDigit).Count();
        return digits == 0 || !long.TryParse(text[..digits], NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? (null, text)
            : (n, text[digits..]);
    }
}

using RefreshBot.Domain.Platforms;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace RefreshBot.Host.Config;

/// <summary>
/// Loads and validates <see cref="RefreshBotConfig"/> from YAML. Every problem is a <see cref="ConfigException"/>
/// naming file:line:column and what was expected; unknown keys are errors (a typo must not be silently ignored).
/// </summary>
public sealed class ConfigLoader(SecretSubstitution substitution)
{
    private static readonly string[] RootKeys = ["registries", "defaults"];
    private static readonly string[] RegistryKeys = ["host", "insecure", "username", "password", "concurrency"];
    private static readonly string[] DefaultsKeys = ["platform", "buildArgs"];

    public static RefreshBotConfig LoadFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new ConfigException(path, "config file not found");
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        return new ConfigLoader(SecretSubstitution.FromProcess(folder)).Load(path, File.ReadAllText(path));
    }

    public RefreshBotConfig Load(string file, string text)
    {
        var document = Parse(file, text);
        if (document is null || document.RootNode is YamlScalarNode { Value: null or "" })
        {
            return RefreshBotConfig.Empty;
        }

        var yaml = new YamlNodes(file);
        var root = yaml.Mapping(document.RootNode, "the top level", RootKeys);
        var registries = root.TryGetValue("registries", out var registriesNode)
            ? yaml.Sequence(registriesNode, "registries").Select(node => ReadRegistry(yaml, node)).ToList()
            : [];
        CheckUniqueHosts(yaml, registries);
        var defaults = root.TryGetValue("defaults", out var defaultsNode)
            ? ReadDefaults(yaml, defaultsNode)
            : DefaultsConfig.Empty;
        return new RefreshBotConfig(registries.Select(r => r.Config).ToList(), defaults);
    }

    private static YamlDocument? Parse(string file, string text)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            if (stream.Documents.Count > 1)
            {
                var second = stream.Documents[1].RootNode.Start;
                throw new ConfigException(file, (int)second.Line, (int)second.Column, "expected a single YAML document");
            }

            return stream.Documents.Count == 0 ? null : stream.Documents[0];
        }
        catch (YamlException e)
        {
            var problem = e.InnerException is YamlException inner ? inner.Message : e.Message;
            var cut = problem.IndexOf("): ", StringComparison.Ordinal);
            if (problem.StartsWith("(Line:", StringComparison.Ordinal) && cut >= 0)
            {
                problem = problem[(cut + 3)..];
            }

            throw new ConfigException(file, (int)e.Start.Line, (int)e.Start.Column, "invalid YAML: " + problem);
        }
    }

    private (RegistryConfig Config, YamlNode Node) ReadRegistry(YamlNodes yaml, YamlNode node)
    {
        var map = yaml.Mapping(node, "a registry", RegistryKeys);
        if (!map.TryGetValue("host", out var hostNode))
        {
            throw yaml.Error(node, "a registry needs 'host' (e.g. ghcr.io or localhost:5000)");
        }

        var host = yaml.Text(hostNode, "host");
        if (host.Length == 0 || host.Contains('/') || host.Contains("://", StringComparison.Ordinal))
        {
            throw yaml.Error(hostNode, "expected a registry host such as ghcr.io or localhost:5000 (no scheme, no path)");
        }

        var insecure = map.TryGetValue("insecure", out var insecureNode) && yaml.Boolean(insecureNode, "insecure");
        var username = map.TryGetValue("username", out var userNode) ? Expand(yaml, userNode, "username") : null;
        SecretText? password = null;
        if (map.TryGetValue("password", out var passwordNode))
        {
            var raw = yaml.Text(passwordNode, "password");
            if (!raw.Contains("${env:", StringComparison.Ordinal) && !raw.Contains("${file:", StringComparison.Ordinal))
            {
                throw yaml.Error(passwordNode, "a password must not be written in the config: use ${env:NAME} or ${file:PATH}");
            }

            password = new SecretText(Expand(yaml, passwordNode, "password"));
        }

        if (password is not null && username is null)
        {
            throw yaml.Error(passwordNode!, "a password needs a 'username' in the same registry entry");
        }

        int? concurrency = map.TryGetValue("concurrency", out var concurrencyNode)
            ? yaml.Integer(concurrencyNode, "concurrency", minimum: 1, maximum: 256)
            : null;
        return (new RegistryConfig(host, insecure, username, password, concurrency), node);
    }

    private static void CheckUniqueHosts(YamlNodes yaml, List<(RegistryConfig Config, YamlNode Node)> registries)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (config, node) in registries)
        {
            if (!seen.Add(config.Host))
            {
                throw yaml.Error(node, $"registry '{config.Host}' is listed twice");
            }
        }
    }

    private DefaultsConfig ReadDefaults(YamlNodes yaml, YamlNode node)
    {
        var map = yaml.Mapping(node, "defaults", DefaultsKeys);
        Platform? platform = null;
        if (map.TryGetValue("platform", out var platformNode))
        {
            if (!Platform.TryParse(yaml.Text(platformNode, "platform"), out platform, out var error))
            {
                throw yaml.Error(platformNode, $"expected a platform os/arch[/variant] such as linux/amd64: {error}");
            }
        }

        var buildArgs = new Dictionary<string, string>(StringComparer.Ordinal);
        if (map.TryGetValue("buildArgs", out var argsNode))
        {
            foreach (var (key, value) in yaml.Mapping(argsNode, "buildArgs", allowedKeys: null))
            {
                buildArgs[key] = Expand(yaml, value, "buildArgs." + key);
            }
        }

        return new DefaultsConfig(platform, buildArgs);
    }

    private string Expand(YamlNodes yaml, YamlNode node, string what)
    {
        var text = yaml.Text(node, what);
        return substitution.TryExpand(text, out var expanded, out var error)
            ? expanded
            : throw yaml.Error(node, $"{what}: {error}");
    }
}

using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace RefreshBot.Host.Config;

/// <summary>Reads YAML nodes into values, turning every mismatch into a <see cref="ConfigException"/> at the node's mark.</summary>
internal sealed class YamlNodes(string file)
{
    public ConfigException Error(YamlNode node, string problem) =>
        new(file, (int)node.Start.Line, (int)node.Start.Column, problem);

    /// <summary>A mapping with string keys; keys outside <paramref name="allowedKeys"/> (when given) are errors.</summary>
    public IReadOnlyDictionary<string, YamlNode> Mapping(YamlNode node, string what, IReadOnlyCollection<string>? allowedKeys)
    {
        if (node is not YamlMappingNode mapping)
        {
            throw Error(node, $"{what}: expected a mapping (key: value lines)");
        }

        var result = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { Length: > 0 } key })
            {
                throw Error(keyNode, $"{what}: expected a plain key");
            }

            if (allowedKeys is not null && !allowedKeys.Contains(key))
            {
                throw Error(keyNode, $"unknown key '{key}' in {what}: expected one of {string.Join(", ", allowedKeys)}");
            }

            if (!result.TryAdd(key, valueNode))
            {
                throw Error(keyNode, $"duplicate key '{key}' in {what}");
            }
        }

        return result;
    }

    public IReadOnlyList<YamlNode> Sequence(YamlNode node, string what) =>
        node switch
        {
            YamlSequenceNode sequence => sequence.Children.ToList(),
            YamlScalarNode { Value: null or "" } => [],
            _ => throw Error(node, $"{what}: expected a list (lines starting with '- ')"),
        };

    public string Text(YamlNode node, string what) =>
        node is YamlScalarNode scalar
            ? scalar.Value ?? ""
            : throw Error(node, $"{what}: expected a single value, not a list or mapping");

    public bool Boolean(YamlNode node, string what) =>
        Text(node, what) switch
        {
            "true" => true,
            "false" => false,
            var other => throw Error(node, $"{what}: expected true or false, got '{other}'"),
        };

    public int Integer(YamlNode node, string what, int minimum, int maximum)
    {
        var text = Text(node, what);
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < minimum || value > maximum)
        {
            throw Error(node, $"{what}: expected a whole number from {minimum} to {maximum}, got '{text}'");
        }

        return value;
    }
}

using YamlDotNet.RepresentationModel;

namespace RefreshBot.Host.Config;

/// <summary>A YAML mapping already checked for unknown and duplicate keys, keeping each key's node for error positions.</summary>
internal sealed class YamlMap(YamlNode node, IReadOnlyList<(YamlScalarNode Key, YamlNode Value)> entries)
{
    /// <summary>The mapping itself (its position is the position of its first key).</summary>
    public YamlNode Node { get; } = node;

    public IEnumerable<(string Key, YamlNode Value)> Entries => entries.Select(e => (e.Key.Value!, e.Value));

    public bool ContainsKey(string key) => entries.Any(e => e.Key.Value == key);

    public bool TryGetValue(string key, out YamlNode value)
    {
        foreach (var (keyNode, valueNode) in entries)
        {
            if (keyNode.Value == key)
            {
                value = valueNode;
                return true;
            }
        }

        value = null!;
        return false;
    }

    /// <summary>This mapping with only the entries whose key <paramref name="keep"/> accepts.</summary>
    public YamlMap Where(Func<string, bool> keep) => new(Node, entries.Where(e => keep(e.Key.Value!)).ToList());

    /// <summary>The node of <paramref name="key"/> itself (for errors about the key, not its value).</summary>
    public YamlNode KeyNode(string key) => entries.First(e => e.Key.Value == key).Key;
}

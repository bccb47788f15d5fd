using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace RefreshBot.Host.Config;

/// <summary>
/// Reads YAML nodes into values, turning every mismatch into a <see cref="ConfigException"/> at the node's mark.
/// Text values go through <see cref="SecretSubstitution"/>; error messages quote the text as written in the file,
/// never what a substitution produced.
/// </summary>
internal sealed class YamlNodes(string file, SecretSubstitution substitution)
{
    private readonly List<ConfigException> _errors = [];

    /// <summary>The errors <see cref="Report"/>ed so far, in the order found.</summary>
    public IReadOnlyList<ConfigException> Errors => _errors;

    public ConfigException Error(YamlNode node, string problem) =>
        new(file, (int)node.Start.Line, (int)node.Start.Column, problem);

    /// <summary>Notes an error and lets reading go on, so that one run shows every mistake of the file.</summary>
    public void Report(ConfigException error) => _errors.Add(error);

    /// <summary><paramref name="read"/>'s value; when it fails, the error is <see cref="Report"/>ed and
    /// <paramref name="fallback"/> (never used: the file is invalid) stands in so that reading can go on.</summary>
    public T Recover<T>(Func<T> read, T fallback)
    {
        try
        {
            return read();
        }
        catch (ConfigException error)
        {
            Report(error);
            return fallback;
        }
    }

    /// <summary>The value of <paramref name="key"/> read by <paramref name="read"/>; default when the key is absent or its value
    /// is wrong (then the error is reported).</summary>
    public T? Optional<T>(YamlMap? map, string key, Func<YamlNode, T> read) =>
        map is not null && map.TryGetValue(key, out var node) ? Recover<T?>(() => read(node), default) : default;

    /// <summary>A mapping with string keys; keys outside <paramref name="allowedKeys"/> (when given) are errors.</summary>
    public YamlMap Mapping(YamlNode node, string what, IReadOnlyCollection<string>? allowedKeys)
    {
        if (node is YamlScalarNode { Value: null or "", Style: ScalarStyle.Plain or ScalarStyle.Any })
        {
            return new YamlMap(node, []);    // `defaults:` with every line below it commented out
        }

        if (node is not YamlMappingNode mapping)
        {
            throw Error(node, $"{what}: expected a mapping (key: value lines)");
        }

        var entries = new List<(YamlScalarNode, YamlNode)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            // Key errors are reported and the key skipped: the rest of the mapping is still read.
            if (keyNode is not YamlScalarNode { Value: { Length: > 0 } key } scalarKey)
            {
                Report(Error(keyNode, $"{what}: expected a plain key"));
                continue;
            }

            if (allowedKeys is not null && !allowedKeys.Contains(key))
            {
                var suggestion = KeySuggestion.Closest(key, allowedKeys);
                Report(Error(keyNode, $"unknown key '{key}' in {what}: expected one of {string.Join(", ", allowedKeys)}"
                    + (suggestion is null ? "" : $"; did you mean '{suggestion}'?")));
                continue;
            }

            if (!seen.Add(key))
            {
                Report(Error(keyNode, $"duplicate key '{key}' in {what}"));
                continue;
            }

            entries.Add((scalarKey, valueNode));
        }

        return new YamlMap(node, entries);
    }

    public IReadOnlyList<YamlNode> Sequence(YamlNode node, string what) =>
        node switch
        {
            YamlSequenceNode sequence => sequence.Children.ToList(),
            YamlScalarNode { Value: null or "" } => [],
            _ => throw Error(node, $"{what}: expected a list (lines starting with '- ', or [a, b])"),
        };

    /// <summary>The text as written in the file (no substitution).</summary>
    public string Text(YamlNode node, string what) =>
        node is YamlScalarNode scalar
            ? scalar.Value ?? ""
            : throw Error(node, $"{what}: expected a single value, not a list or mapping");

    /// <summary>The text with <c>${env:…}</c> / <c>${file:…}</c> substituted.</summary>
    public string Value(YamlNode node, string what)
    {
        var text = Text(node, what);
        return substitution.TryExpand(text, out var expanded, out var error)
            ? expanded
            : throw Error(node, $"{what}: {error}");
    }

    /// <summary>A non-empty text value (substituted).</summary>
    public string RequiredValue(YamlNode node, string what)
    {
        var value = Value(node, what);
        return value.Trim().Length > 0 ? value : throw Error(node, $"{what}: expected a value, got nothing");
    }

    /// <summary>A secret: must be written as a substitution, never as the secret itself.</summary>
    public SecretText Secret(YamlNode node, string what)
    {
        var raw = Text(node, what);
        if (!raw.Contains("${env:", StringComparison.Ordinal) && !raw.Contains("${file:", StringComparison.Ordinal))
        {
            throw Error(node, $"{what}: a secret must not be written in the config: use ${{env:NAME}} or ${{file:PATH}}");
        }

        var value = Value(node, what);
        return value.Length > 0 ? new SecretText(value) : throw Error(node, $"{what}: the substitution gave an empty value");
    }

    /// <summary>A list of non-empty text values (each substituted).</summary>
    public IReadOnlyList<string> TextList(YamlNode node, string what) =>
        Sequence(node, what).Select(item => RequiredValue(item, what + " entry")).ToList();

    /// <summary>An absolute folder path (substituted); a relative one is relative to the config file's folder, <c>~/</c> is the home folder.</summary>
    public string Folder(YamlNode node, string what)
    {
        var text = RequiredValue(node, what);
        if (text == "~" || text.StartsWith("~/", StringComparison.Ordinal))
        {
            text = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), text.TrimStart('~').TrimStart('/'));
        }

        if (text.Contains('\0', StringComparison.Ordinal))
        {
            throw Error(node, $"{what}: expected a folder path, got '{Text(node, what)}'");
        }

        return Path.TrimEndingDirectorySeparator(Path.GetFullPath(Path.Combine(substitution.ConfigFolder, text)));
    }

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

    /// <summary>A positive 64-bit id (substitutions allowed, e.g. <c>${env:GITHUB_APP_ID}</c>).</summary>
    public long Id(YamlNode node, string what)
    {
        var value = Value(node, what);
        if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id < 1)
        {
            throw Error(node, $"{what}: expected a positive whole number, got '{Text(node, what)}'");
        }

        return id;
    }

    /// <summary>One of <paramref name="choices"/> (exact, lower case as documented).</summary>
    public T Choice<T>(YamlNode node, string what, IReadOnlyDictionary<string, T> choices)
    {
        var text = Text(node, what);
        return choices.TryGetValue(text, out var choice)
            ? choice
            : throw Error(node, $"{what}: expected one of {string.Join(", ", choices.Keys)}, got '{text}'");
    }
}

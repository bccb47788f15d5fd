namespace RefreshBot.Host.Config;

/// <summary>
/// Lets through only the keys of a repository's own settings file that the fleet config allows
/// (<see cref="OverrideSettings.Allows"/>); every other key is left unread and noted at its line and column.
/// </summary>
internal sealed class OverrideGate(OverrideSettings settings, YamlNodes yaml)
{
    /// <summary>Keys a repository can never set, and why (whatever <c>overrides.allow</c> says).</summary>
    private static readonly Dictionary<string, string> Never = new(StringComparer.Ordinal)
    {
        ["github"] = "where the repository is comes from the fleet config",
        ["path"] = "where the repository is comes from the fleet config",
        ["url"] = "where the repository is comes from the fleet config",
        ["branch"] = "this file is read from the branch the fleet config chooses",
        ["schedule"] = "the schedule is set before the repository is checked out, so it cannot come from this file; set it in the fleet config",
    };

    /// <summary>The keys a repository's file may contain at the top (the others are unknown keys: errors).</summary>
    public static readonly string[] TopKeys = [.. RepositorySettingsReader.Keys, "github", "path", "url"];

    private readonly List<ConfigException> _ignored = [];

    /// <summary>The keys left unread, each with where it is and why.</summary>
    public IReadOnlyList<ConfigException> Ignored => _ignored;

    /// <summary>For <see cref="RepositorySettingsReader.Read"/>: the allowed keys of <paramref name="map"/>, whose path prefix is <paramref name="prefix"/>.</summary>
    public YamlMap Admit(YamlMap map, string prefix) => map.Where(key => Admits(map, prefix, key));

    private bool Admits(YamlMap map, string prefix, string key)
    {
        var path = prefix + key;
        if (prefix.Length == 0 && Never.TryGetValue(key, out var why))
        {
            return Ignore(map, key, $"'{key}' cannot be set in a repository's settings file: {why}; ignored");
        }

        var allowed = path switch
        {
            "platform" => settings.Allows("platforms"),
            "policies" => settings.AllowsAnyPolicy,
            _ => settings.Allows(path),
        };
        return allowed || Ignore(map, key, $"'{path}' is not allowed by the fleet config (overrides.allow); ignored");
    }

    private bool Ignore(YamlMap map, string key, string problem)
    {
        _ignored.Add(yaml.Error(map.KeyNode(key), problem));
        return false;
    }
}

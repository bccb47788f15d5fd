using YamlDotNet.RepresentationModel;

namespace RefreshBot.Host.Config;

/// <summary>
/// Reads <c>overrides: {enabled: true, allow: [grouping, labels, policies.soak]}</c>. An allow entry that can never be
/// overridden from a repository (<c>branch</c>, <c>schedule</c>) is refused with the reason.
/// </summary>
internal static class OverridesSection
{
    private static readonly string[] Keys = ["enabled", "allow"];

    private static readonly Dictionary<string, string> Never = new(StringComparer.Ordinal)
    {
        ["branch"] = "the file is read from the branch the fleet config chooses",
        ["schedule"] = "the schedule is set before the repository is checked out; set it in the fleet config",
    };

    public static OverrideSettings Read(YamlNodes yaml, YamlNode? node)
    {
        if (node is null)
        {
            return OverrideSettings.Default;
        }

        var map = yaml.Mapping(node, "overrides", Keys);
        var enabled = yaml.Optional<bool?>(map, "enabled", value => yaml.Boolean(value, "overrides.enabled")) ?? true;
        var allow = yaml.Optional(map, "allow", value => Allow(yaml, value)) ?? OverrideSettings.Default.Allow;
        return new OverrideSettings(enabled, allow);
    }

    private static HashSet<string> Allow(YamlNodes yaml, YamlNode node)
    {
        var allow = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in yaml.Sequence(node, "overrides.allow"))
        {
            var key = yaml.Text(item, "overrides.allow entry");
            if (Never.TryGetValue(key, out var why))
            {
                yaml.Report(yaml.Error(item, $"overrides.allow: '{key}' cannot be overridden from a repository: {why}"));
                continue;
            }

            if (key == "platform")
            {
                yaml.Report(yaml.Error(item, "overrides.allow: write 'platforms': it covers the older single 'platform' too"));
                continue;
            }

            if (!OverrideSettings.Overridable.Contains(key, StringComparer.Ordinal))
            {
                var suggestion = KeySuggestion.Closest(key, OverrideSettings.Overridable);
                yaml.Report(yaml.Error(item, $"overrides.allow: expected one of {string.Join(", ", OverrideSettings.Overridable)}, got '{key}'"
                    + (suggestion is null ? "" : $"; did you mean '{suggestion}'?")));
                continue;
            }

            allow.Add(key);
        }

        return allow;
    }
}

using System.Text.RegularExpressions;
using RefreshBot.Application.Fleet;
using RefreshBot.Application.Fleet.Discovery;
using YamlDotNet.RepresentationModel;

namespace RefreshBot.Host.Config;

/// <summary>
/// Reads <c>discover:</c>: a list of sources, each exactly one of <c>org: name</c>, <c>user: name</c> or
/// <c>installation: true</c>, with <c>include</c>/<c>exclude</c> globs on <c>owner/name</c>, <c>archived</c>/<c>forks</c>
/// (false by default) and any repository setting (merged over <c>defaults:</c>). Needs the <c>github:</c> section;
/// <c>installation: true</c> needs <c>github.app</c> with an <c>installationId</c>.
/// </summary>
internal static partial class DiscoverSection
{
    private static readonly string[] ScopeKeys = ["org", "user", "installation"];
    private static readonly string[] FilterKeys = ["include", "exclude", "archived", "forks"];
    private static readonly string[] Keys = [.. ScopeKeys, .. FilterKeys, .. RepositorySettingsReader.Keys];

    /// <summary>Placeholder identity of a source's settings template (replaced by each repository found).</summary>
    private static readonly RepositoryLocation Placeholder = new RepositoryLocation.GitHub("discovered", "repository");

    public static IReadOnlyList<DiscoverySource> Read(YamlNodes yaml, YamlNode? node, RepositorySettings defaults, GitHubSettings? github, bool fleetBuilds)
    {
        if (node is null || node is YamlScalarNode { Value: null or "" })
        {
            return [];
        }

        var sources = new List<DiscoverySource>();
        var entries = yaml.Sequence(node, "discover");
        for (var index = 0; index < entries.Count; index++)
        {
            var entry = yaml.Recover(() => Entry(yaml, entries[index], $"discover[{index}]", defaults, github, fleetBuilds), null);
            if (entry is not null)
            {
                sources.Add(entry);
            }
        }

        return sources;
    }

    private static DiscoverySource Entry(YamlNodes yaml, YamlNode node, string what, RepositorySettings defaults, GitHubSettings? github, bool fleetBuilds)
    {
        var map = yaml.Mapping(node, "a discover entry", Keys);
        var settings = RepositorySettingsReader.Read(yaml, map, what).CheckBuild(yaml, fleetBuilds, what);
        var include = yaml.Optional(map, "include", n => NameGlobs(yaml, n, what + ".include")) ?? [];
        var exclude = yaml.Optional(map, "exclude", n => NameGlobs(yaml, n, what + ".exclude")) ?? [];
        var archived = yaml.Optional<bool?>(map, "archived", n => yaml.Boolean(n, what + ".archived")) ?? false;
        var forks = yaml.Optional<bool?>(map, "forks", n => yaml.Boolean(n, what + ".forks")) ?? false;
        var scope = Scope(yaml, map, what, github);
        return new DiscoverySource(scope, include, exclude, archived, forks, settings.ApplyTo(defaults).Track("(discovered)", Placeholder));
    }

    private static DiscoveryScope Scope(YamlNodes yaml, YamlMap map, string what, GitHubSettings? github)
    {
        var present = ScopeKeys.Where(map.ContainsKey).OrderBy(key => map.KeyNode(key).Start.Line).ThenBy(key => map.KeyNode(key).Start.Column).ToList();
        if (present.Count == 0)
        {
            throw yaml.Error(map.Node, $"{what}: expected one of 'org: name', 'user: name' or 'installation: true'");
        }

        if (present.Count > 1)
        {
            throw yaml.Error(map.KeyNode(present[1]), $"{what}: a discover entry has exactly one of 'org', 'user' or 'installation'; this one has both '{present[0]}' and '{present[1]}'");
        }

        map.TryGetValue(present[0], out var node);
        if (github is null)
        {
            throw yaml.Error(map.KeyNode(present[0]), $"{what}.{present[0]}: discovery needs the top-level 'github:' section (apiUrl, and token or app)");
        }

        if (present[0] == "installation")
        {
            if (!yaml.Boolean(node, what + ".installation"))
            {
                throw yaml.Error(node, $"{what}.installation: expected true (all repositories the GitHub App installation can see); remove the entry to turn it off");
            }

            return github.Auth is GitHubAuth.App { InstallationId: not null }
                ? new DiscoveryScope.Installation()
                : throw yaml.Error(node, $"{what}.installation: needs 'github.app' with an 'installationId' (a token has no installation; use 'org:' or 'user:' instead)");
        }

        var name = yaml.RequiredValue(node, $"{what}.{present[0]}");
        if (!Login().IsMatch(name))
        {
            throw yaml.Error(node, $"{what}.{present[0]}: expected a GitHub {(present[0] == "org" ? "organization" : "user")} name such as octo-org (no owner/name, no URL), got '{yaml.Text(node, what)}'");
        }

        return present[0] == "org" ? new DiscoveryScope.Organization(name) : new DiscoveryScope.User(name);
    }

    private static IReadOnlyList<string> NameGlobs(YamlNodes yaml, YamlNode node, string what)
    {
        var globs = new List<string>();
        foreach (var item in yaml.Sequence(node, what))
        {
            var glob = yaml.RequiredValue(item, what + " entry");
            if (glob.Any(char.IsWhiteSpace) || !glob.Contains('/', StringComparison.Ordinal) || glob.StartsWith('/'))
            {
                throw yaml.Error(item, $"{what}: expected a glob on owner/name such as octo-org/web-* or */*-service, got '{yaml.Text(item, what)}'");
            }

            globs.Add(glob);
        }

        return globs;
    }

    [GeneratedRegex("^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$")]
    private static partial Regex Login();
}

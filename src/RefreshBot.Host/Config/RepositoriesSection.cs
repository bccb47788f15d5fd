using System.Text.RegularExpressions;
using RefreshBot.Application.Fleet;
using YamlDotNet.RepresentationModel;

namespace RefreshBot.Host.Config;

/// <summary>
/// Reads <c>repositories:</c>: each entry is exactly one of <c>github: owner/name</c>, <c>path: folder</c> or
/// <c>url: …</c>, plus any <c>defaults:</c> key overriding the defaults. The same repository twice is an error.
/// </summary>
internal static partial class RepositoriesSection
{
    private static readonly string[] LocationKeys = ["github", "path", "url"];
    private static readonly string[] Keys = [.. LocationKeys, .. RepositorySettingsReader.Keys];

    public static IReadOnlyList<TrackedRepository> Read(YamlNodes yaml, YamlNode node, RepositorySettings defaults, GitHubSettings? github, bool fleetBuilds)
    {
        var repositories = new List<TrackedRepository>();
        var firstSeen = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        var entries = yaml.Sequence(node, "repositories");
        for (var index = 0; index < entries.Count; index++)
        {
            var entry = yaml.Recover(() => Entry(yaml, entries[index], $"repositories[{index}]", defaults, github, fleetBuilds, firstSeen), null);
            if (entry is not null)
            {
                repositories.Add(entry);
            }
        }

        return repositories;
    }

    /// <summary>One entry; null (and the error reported) when it names a repository listed before.</summary>
    private static TrackedRepository? Entry(
        YamlNodes yaml, YamlNode node, string what, RepositorySettings defaults, GitHubSettings? github, bool fleetBuilds, Dictionary<string, YamlNode> firstSeen)
    {
        var map = yaml.Mapping(node, "a repository", Keys);
        var settings = RepositorySettingsReader.Read(yaml, map, what).CheckBuild(yaml, fleetBuilds, what);
        var (kind, locationNode) = Location(yaml, map);
        var (id, location, identities) = kind switch
        {
            "github" => GitHubRepository(yaml, locationNode, what, github),
            "path" => LocalRepository(yaml, locationNode, what),
            _ => UrlRepository(yaml, locationNode, what),
        };

        foreach (var identity in identities)
        {
            if (firstSeen.TryGetValue(identity, out var first))
            {
                yaml.Report(yaml.Error(locationNode, $"repository '{id}' is listed twice (first at line {first.Start.Line})"));
                return null;
            }
        }

        foreach (var identity in identities)
        {
            firstSeen[identity] = locationNode;
        }

        return settings.ApplyTo(defaults).Track(id, location);
    }

    private static (string Kind, YamlNode Node) Location(YamlNodes yaml, YamlMap map)
    {
        var present = LocationKeys
            .Where(map.ContainsKey)
            .OrderBy(key => map.KeyNode(key).Start.Line)
            .ThenBy(key => map.KeyNode(key).Start.Column)
            .ToList();
        if (present.Count == 0)
        {
            throw yaml.Error(map.Node, "a repository needs one of 'github: owner/name', 'path: ./folder' or 'url: https://…'");
        }

        if (present.Count > 1)
        {
            throw yaml.Error(map.KeyNode(present[1]),
                $"a repository has exactly one of 'github', 'path' or 'url'; this one has both '{present[0]}' and '{present[1]}'");
        }

        map.TryGetValue(present[0], out var node);
        return (present[0], node);
    }

    private static (string, RepositoryLocation, string[]) GitHubRepository(YamlNodes yaml, YamlNode node, string what, GitHubSettings? github)
    {
        var text = yaml.RequiredValue(node, what + ".github");
        var match = OwnerAndName().Match(text);
        if (!match.Success || match.Groups["name"].Value is "." or ".." || text.EndsWith(".git", StringComparison.OrdinalIgnoreCase))
        {
            throw yaml.Error(node, $"{what}.github: expected owner/name such as octo-org/web-app (no URL, no .git), got '{yaml.Text(node, what)}'");
        }

        if (github is null)
        {
            throw yaml.Error(node, $"{what}.github: a GitHub repository needs the top-level 'github:' section (apiUrl, and token or app)");
        }

        var (owner, name) = (match.Groups["owner"].Value, match.Groups["name"].Value);
        var cloneUrl = github.CloneUrl(owner, name).AbsoluteUri;
        return ($"{owner}/{name}", new RepositoryLocation.GitHub(owner, name),
            ["github:" + text.ToLowerInvariant(), "url:" + cloneUrl[..^".git".Length]]);
    }

    private static (string, RepositoryLocation, string[]) LocalRepository(YamlNodes yaml, YamlNode node, string what)
    {
        var full = yaml.Folder(node, what + ".path");
        if (!Directory.Exists(full))
        {
            throw yaml.Error(node, $"{what}.path: folder '{yaml.Text(node, what)}' does not exist (resolved to {full})");
        }

        var dotGit = Path.Combine(full, ".git");
        if (!Directory.Exists(dotGit) && !File.Exists(dotGit))
        {
            throw yaml.Error(node, $"{what}.path: expected the root folder of a git repository (with .git), got '{yaml.Text(node, what)}' (resolved to {full})");
        }

        return (full, new RepositoryLocation.Local(full), ["path:" + full]);
    }

    private static (string, RepositoryLocation, string[]) UrlRepository(YamlNodes yaml, YamlNode node, string what)
    {
        var text = yaml.RequiredValue(node, what + ".url");
        var written = yaml.Text(node, what);
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http" or "ssh" or "file"))
        {
            throw yaml.Error(node, $"{what}.url: expected an https://, ssh:// or file:// git URL (for git@host:path write ssh://git@host/path), got '{written}'");
        }

        if (url.Scheme == "http" && !url.IsLoopback)
        {
            throw yaml.Error(node, $"{what}.url: expected https (plain http only for a loopback host), got '{written}'");
        }

        if (url.UserInfo.Contains(':', StringComparison.Ordinal))
        {
            // Never echo the URL: it carries a password.
            throw yaml.Error(node, $"{what}.url: a URL must not carry a password; credentials come from the github: section or the git credential set-up");
        }

        if (url.Query.Length > 0 || url.Fragment.Length > 0)
        {
            throw yaml.Error(node, $"{what}.url: expected a git URL without query or fragment, got '{written}'");
        }

        var normalized = url.GetComponents(UriComponents.SchemeAndServer | UriComponents.UserInfo | UriComponents.Path, UriFormat.UriEscaped).TrimEnd('/');
        if (url.IsFile)
        {
            normalized = "file://" + Path.TrimEndingDirectorySeparator(url.LocalPath);
        }

        var identity = normalized.EndsWith(".git", StringComparison.Ordinal) ? normalized[..^".git".Length] : normalized;
        return (normalized, new RepositoryLocation.GitUrl(new Uri(normalized)), ["url:" + identity]);
    }

    [GeneratedRegex("^(?<owner>[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38})/(?<name>[A-Za-z0-9._-]{1,100})$")]
    private static partial Regex OwnerAndName();
}

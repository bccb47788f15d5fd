using System.Text.RegularExpressions;
using RefreshBot.Application.Fleet;
using RefreshBot.Domain.Platforms;
using YamlDotNet.RepresentationModel;

namespace RefreshBot.Host.Config;

/// <summary>Reads the repository settings keys shared by <c>defaults:</c> and each repository entry.</summary>
internal static partial class RepositorySettingsReader
{
    public static readonly string[] Keys =
        ["branch", "dockerfiles", "buildArgs", "platforms", "platform", "grouping", "labels", "reviewers", "assignees", "schedule", "policies", "dashboardIssue", "dashboardIssueTitle", "build"];

    private static readonly string[] ScheduleKeys = ["cron", "timeZone"];
    internal static readonly string[] PolicyKeys = ["unpinned", "ignore", "proposeAfterClosed", "soak", "soakImages", "prWindow"];

    private static readonly Dictionary<string, UpdateGrouping> Groupings = new(StringComparer.Ordinal)
    {
        ["repository"] = UpdateGrouping.Repository,
        ["dockerfile"] = UpdateGrouping.Dockerfile,
        ["image"] = UpdateGrouping.Image,
    };

    private static readonly Dictionary<string, UnpinnedPolicy> UnpinnedPolicies = new(StringComparer.Ordinal)
    {
        ["pin"] = UnpinnedPolicy.Pin,
        ["report"] = UnpinnedPolicy.Report,
    };

    /// <summary>Each key on its own: a wrong value is reported and the other keys are still read.</summary>
    /// <param name="admit">Keeps only the keys that may be read, given the mapping and its path prefix (<c>""</c> for the
    /// top, <c>"policies."</c>); the rest are ignored unread (a repository's own file: <see cref="OverrideGate"/>). Null: all.</param>
    public static RepositorySettingsPatch Read(YamlNodes yaml, YamlMap map, string what, Func<YamlMap, string, YamlMap>? admit = null)
    {
        admit ??= (all, _) => all;
        map = admit(map, "");
        var build = yaml.Optional<bool?>(map, "build", node => yaml.Boolean(node, what + ".build"));
        var policies = yaml.Optional(map, "policies", node => admit(yaml.Mapping(node, what + ".policies", PolicyKeys), "policies."));
        return new RepositorySettingsPatch(
            yaml.Optional(map, "branch", node => Branch(yaml, node, what + ".branch")),
            yaml.Optional(map, "dockerfiles", node => Globs(yaml, node, what + ".dockerfiles")),
            yaml.Optional(map, "buildArgs", node => BuildArgs(yaml, node, what + ".buildArgs")),
            yaml.Recover(() => Platforms(yaml, map, what), null),
            yaml.Optional<UpdateGrouping?>(map, "grouping", node => yaml.Choice(node, what + ".grouping", Groupings)),
            yaml.Optional(map, "labels", node => yaml.TextList(node, what + ".labels")),
            yaml.Optional(map, "reviewers", node => Logins(yaml, node, what + ".reviewers", teams: true)),
            yaml.Optional(map, "assignees", node => Logins(yaml, node, what + ".assignees", teams: false)),
            yaml.Optional(map, "schedule", node => Schedule(yaml, node, what + ".schedule")),
            yaml.Optional<UnpinnedPolicy?>(policies, "unpinned", node => yaml.Choice(node, what + ".policies.unpinned", UnpinnedPolicies)),
            yaml.Optional(policies, "ignore", node => Globs(yaml, node, what + ".policies.ignore")),
            yaml.Optional<bool?>(policies, "proposeAfterClosed", node => yaml.Boolean(node, what + ".policies.proposeAfterClosed")))
        {
            Soak = yaml.Optional<TimeSpan?>(policies, "soak", node => SoakDurations.Read(yaml, node, what + ".policies.soak")),
            SoakImages = yaml.Optional(policies, "soakImages", node => SoakDurations.ReadImages(yaml, node, what + ".policies.soakImages")),
            PrWindow = yaml.Optional(policies, "prWindow", node => PrWindowReader.Read(yaml, node, what + ".policies.prWindow")),
            DashboardIssue = yaml.Optional<bool?>(map, "dashboardIssue", node => yaml.Boolean(node, what + ".dashboardIssue")),
            DashboardIssueTitle = yaml.Optional(map, "dashboardIssueTitle", node => IssueTitle(yaml, node, what + ".dashboardIssueTitle")),
            Build = build,
            BuildOn = build == true && map.TryGetValue("build", out var buildNode) ? buildNode : null,
        };
    }

    /// <summary>One line of 1..256 characters (GitHub's limit for an issue title).</summary>
    private static string IssueTitle(YamlNodes yaml, YamlNode node, string what)
    {
        var title = yaml.RequiredValue(node, what).Trim();
        return title.Length is > 0 and <= 256 && !title.Any(char.IsControl)
            ? title
            : throw yaml.Error(node, $"{what}: expected an issue title on one line (1 to 256 characters), got '{yaml.Text(node, what)}'");
    }

    private static string Branch(YamlNodes yaml, YamlNode node, string what)
    {
        var branch = yaml.RequiredValue(node, what);
        if (branch.StartsWith("refs/", StringComparison.Ordinal) || branch.StartsWith('-') || branch.StartsWith('/') || branch.EndsWith('/')
            || branch.EndsWith('.') || branch.EndsWith(".lock", StringComparison.Ordinal) || branch.Contains("..", StringComparison.Ordinal)
            || branch.Contains("@{", StringComparison.Ordinal) || branch.Contains("//", StringComparison.Ordinal)
            || branch.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || "~^:?*[\\".Contains(c)))
        {
            throw yaml.Error(node, $"{what}: expected a branch name such as main or release/2.x, got '{yaml.Text(node, what)}'");
        }

        return branch;
    }

    private static IReadOnlyList<string> Globs(YamlNodes yaml, YamlNode node, string what)
    {
        var globs = new List<string>();
        foreach (var item in yaml.Sequence(node, what))
        {
            var glob = yaml.RequiredValue(item, what + " entry");
            if (glob.Any(char.IsWhiteSpace) || glob.StartsWith('/'))
            {
                throw yaml.Error(item, $"{what}: expected a relative glob such as **/Dockerfile* (no spaces, no leading '/'), got '{yaml.Text(item, what)}'");
            }

            globs.Add(glob);
        }

        return globs;
    }

    private static IReadOnlyDictionary<string, string> BuildArgs(YamlNodes yaml, YamlNode node, string what)
    {
        var buildArgs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in yaml.Mapping(node, what, allowedKeys: null).Entries)
        {
            buildArgs[key] = yaml.Value(value, what + "." + key);
        }

        return buildArgs;
    }

    /// <summary><c>platforms: [linux/amd64, linux/arm64]</c>, or the older <c>platform: linux/amd64</c> (one platform).</summary>
    private static IReadOnlyList<Platform>? Platforms(YamlNodes yaml, YamlMap map, string what)
    {
        var hasList = map.TryGetValue("platforms", out var listNode);
        var hasOne = map.TryGetValue("platform", out var oneNode);
        if (hasList && hasOne)
        {
            throw yaml.Error(map.KeyNode(listNode.Start.Line > oneNode.Start.Line ? "platforms" : "platform"),
                $"{what}: expected 'platforms' (a list) or 'platform' (one), not both");
        }

        if (hasOne)
        {
            return [Platform(yaml, oneNode, what + ".platform")];
        }

        if (!hasList)
        {
            return null;
        }

        var platforms = yaml.Sequence(listNode, what + ".platforms").Select(item => Platform(yaml, item, what + ".platforms entry")).Distinct().ToList();
        return platforms.Count > 0 ? platforms : throw yaml.Error(listNode, $"{what}.platforms: expected at least one platform such as linux/amd64");
    }

    private static Platform Platform(YamlNodes yaml, YamlNode node, string what) =>
        Domain.Platforms.Platform.TryParse(yaml.Value(node, what), out var platform, out var error)
            ? platform!
            : throw yaml.Error(node, $"{what}: expected a platform os/arch[/variant] such as linux/amd64: {error}");

    private static IReadOnlyList<string> Logins(YamlNodes yaml, YamlNode node, string what, bool teams)
    {
        var logins = new List<string>();
        foreach (var item in yaml.Sequence(node, what))
        {
            var login = yaml.RequiredValue(item, what + " entry");
            if (!(teams ? TeamOrLogin() : Login()).IsMatch(login))
            {
                throw yaml.Error(item, $"{what}: expected a GitHub user name{(teams ? " or org/team" : "")}, got '{yaml.Text(item, what)}'");
            }

            logins.Add(login);
        }

        return logins;
    }

    /// <summary>A schedule: cron text, or <c>{cron, timeZone}</c> (also used by <c>service:</c>).</summary>
    internal static RefreshSchedule Schedule(YamlNodes yaml, YamlNode node, string what)
    {
        YamlNode cronNode = node;
        string? timeZone = null;
        if (node is YamlMappingNode)
        {
            var map = yaml.Mapping(node, what, ScheduleKeys);
            if (!map.TryGetValue("cron", out cronNode))
            {
                throw yaml.Error(node, $"{what}: expected 'cron' (a Quartz cron expression such as '0 0 6 ? * MON-FRI')");
            }

            if (map.TryGetValue("timeZone", out var zoneNode))
            {
                timeZone = yaml.RequiredValue(zoneNode, what + ".timeZone");
                if (!TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out _))
                {
                    throw yaml.Error(zoneNode, TimeZoneSuggestion.Problem(what + ".timeZone", yaml.Text(zoneNode, what)));
                }
            }
        }

        var cron = yaml.RequiredValue(cronNode, what);
        return QuartzCron.TryValidate(cron, out var error)
            ? new RefreshSchedule(string.Join(' ', cron.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries)), timeZone)
            : throw yaml.Error(cronNode, $"{what}: {error}");
    }

    [GeneratedRegex("^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$")]
    private static partial Regex Login();

    [GeneratedRegex("^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}(?:/[A-Za-z0-9._-]+)?$")]
    private static partial Regex TeamOrLogin();
}

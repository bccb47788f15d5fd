using RefreshBot.Application.Fleet;
using RefreshBot.Domain.Platforms;
using RefreshBot.Domain.Proposals.Windows;
using YamlDotNet.RepresentationModel;

namespace RefreshBot.Host.Config;

/// <summary>
/// Repository settings as one mapping of the file wrote them (<c>defaults:</c> or a repository entry): null where the
/// mapping says nothing. Applied over a base: lists replace, maps (<c>buildArgs</c>, <c>policies</c>) merge key by key.
/// </summary>
internal sealed record RepositorySettingsPatch(
    string? Branch,
    IReadOnlyList<string>? DockerfileGlobs,
    IReadOnlyDictionary<string, string>? BuildArgs,
    IReadOnlyList<Platform>? Platforms,
    UpdateGrouping? Grouping,
    IReadOnlyList<string>? Labels,
    IReadOnlyList<string>? Reviewers,
    IReadOnlyList<string>? Assignees,
    RefreshSchedule? Schedule,
    UnpinnedPolicy? Unpinned,
    IReadOnlyList<string>? IgnoreImages,
    bool? ProposeAfterClosed)
{
    /// <summary><c>policies.soak</c>; null: unchanged.</summary>
    public TimeSpan? Soak { get; init; }

    /// <summary><c>policies.soakImages</c>, merged key by key; null: unchanged.</summary>
    public IReadOnlyDictionary<string, TimeSpan>? SoakImages { get; init; }

    /// <summary><c>policies.prWindow</c>, replacing the base's window as a whole; null: unchanged.</summary>
    public ProposalWindow? PrWindow { get; init; }

    /// <summary><c>dashboardIssue</c>; null: unchanged.</summary>
    public bool? DashboardIssue { get; init; }

    /// <summary><c>dashboardIssueTitle</c>; null: unchanged.</summary>
    public string? DashboardIssueTitle { get; init; }

    /// <summary><c>build</c>; null: unchanged.</summary>
    public bool? Build { get; init; }

    /// <summary>Where <c>build: true</c> is written (checked against the fleet's <c>build.enabled</c>); null: not written so.</summary>
    public YamlNode? BuildOn { get; init; }

    /// <summary>Reports <c>build: true</c> as an error when the fleet does not build (<paramref name="fleetBuilds"/> false):
    /// a repository can only turn building off.</summary>
    public RepositorySettingsPatch CheckBuild(YamlNodes yaml, bool fleetBuilds, string what)
    {
        if (!fleetBuilds && BuildOn is { } node)
        {
            yaml.Report(yaml.Error(node,
                $"{what}.build: 'true' cannot turn building on: the fleet's build.enabled is false; set build.enabled: true, or remove this line"));
        }

        return this;
    }

    public RepositorySettings ApplyTo(RepositorySettings settings) => new(
        Branch ?? settings.Branch,
        DockerfileGlobs ?? settings.DockerfileGlobs,
        Merge(settings.BuildArgs, BuildArgs),
        Platforms ?? settings.Platforms,
        Grouping ?? settings.Grouping,
        Labels ?? settings.Labels,
        Reviewers ?? settings.Reviewers,
        Assignees ?? settings.Assignees,
        Schedule ?? settings.Schedule,
        new RefreshPolicy(
            Unpinned ?? settings.Policy.Unpinned,
            IgnoreImages ?? settings.Policy.IgnoreImages,
            ProposeAfterClosed ?? settings.Policy.ProposeAfterClosed)
        {
            Soak = Soak ?? settings.Policy.Soak,
            SoakImages = Merge(settings.Policy.SoakImages, SoakImages),
            PrWindow = PrWindow ?? settings.Policy.PrWindow,
        })
    {
        DashboardIssue = DashboardIssue ?? settings.DashboardIssue,
        DashboardIssueTitle = DashboardIssueTitle ?? settings.DashboardIssueTitle,
        Build = Build ?? settings.Build,
    };

    private static IReadOnlyDictionary<string, T> Merge<T>(IReadOnlyDictionary<string, T> under, IReadOnlyDictionary<string, T>? over)
    {
        if (over is null)
        {
            return under;
        }

        var merged = new Dictionary<string, T>(under, StringComparer.Ordinal);
        foreach (var (key, value) in over)
        {
            merged[key] = value;
        }

        return merged;
    }
}

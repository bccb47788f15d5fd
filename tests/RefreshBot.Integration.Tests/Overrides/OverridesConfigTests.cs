using RefreshBot.Host.Config;
using RefreshBot.Integration.Tests.Config;

namespace RefreshBot.Integration.Tests.Overrides;

/// <summary>The fleet config's <c>overrides:</c> section: defaults, what an admin may allow, and errors at the right place.</summary>
public sealed class OverridesConfigTests : IDisposable
{
    private readonly ConfigFolder _folder = new();
    private readonly ConfigSchema _schema = ConfigSchema.Load();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Without_the_section_files_are_read_and_a_safe_set_of_keys_is_allowed()
    {
        var settings = _folder.Load("").Overrides;

        Assert.True(settings.Enabled);
        Assert.Equal(
            ["assignees", "buildArgs", "dockerfiles", "grouping", "labels", "platforms", "policies.ignore", "policies.soak", "policies.unpinned", "reviewers"],
            settings.Allow.Order(StringComparer.Ordinal));
        Assert.False(settings.Allows("policies.prWindow"));
    }

    [Fact]
    public void Policies_as_a_whole_allows_every_policy()
    {
        const string yaml = "overrides:\n  enabled: false\n  allow: [labels, policies]\n";
        var settings = _folder.Load(yaml).Overrides;

        Assert.False(settings.Enabled);
        Assert.True(settings.Allows("policies.prWindow"));
        Assert.True(settings.Allows("labels"));
        Assert.False(settings.Allows("grouping"));
        Assert.Empty(_schema.Validate(yaml));
    }

    public static TheoryData<string, int, int, string, string> Broken => new()
    {
        { "overrides:\n  allow: [labels, schedule]\n", 2, 19,
            "overrides.allow: 'schedule' cannot be overridden from a repository: the schedule is set before the repository is checked out; set it in the fleet config",
            "/overrides/allow/1" },
        { "overrides:\n  allow:\n    - branch\n", 3, 7,
            "overrides.allow: 'branch' cannot be overridden from a repository: the file is read from the branch the fleet config chooses",
            "/overrides/allow/0" },
        { "overrides:\n  allow: [lables]\n", 2, 11,
            "overrides.allow: expected one of dockerfiles, buildArgs, platforms, grouping, labels, reviewers, assignees, policies, dashboardIssue, dashboardIssueTitle, build, policies.unpinned, "
                + "policies.ignore, policies.proposeAfterClosed, policies.soak, policies.soakImages, policies.prWindow, got 'lables'; did you mean 'labels'?",
            "/overrides/allow/0" },
        { "overrides:\n  allow: [github]\n", 2, 11,
            "overrides.allow: expected one of dockerfiles, buildArgs, platforms, grouping, labels, reviewers, assignees, policies, dashboardIssue, dashboardIssueTitle, build, policies.unpinned, "
                + "policies.ignore, policies.proposeAfterClosed, policies.soak, policies.soakImages, policies.prWindow, got 'github'",
            "/overrides/allow/0" },
        { "overrides:\n  allow: [platform]\n", 2, 11, "overrides.allow: write 'platforms': it covers the older single 'platform' too", "/overrides/allow/0" },
        { "overrides:\n  enabled: yes\n", 2, 12, "overrides.enabled: expected true or false, got 'yes'", "/overrides/enabled" },
        { "overrides:\n  allow: labels\n", 2, 10, "overrides.allow: expected a list (lines starting with '- ', or [a, b])", "/overrides/allow" },
        { "overrides:\n  allowed: [labels]\n", 2, 3, "unknown key 'allowed' in overrides: expected one of enabled, allow; did you mean 'allow'?", "/overrides/allowed" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void A_broken_section_is_an_error_at_its_line_and_column_for_the_loader_and_the_schema(string yaml, int line, int column, string problem, string location)
    {
        var error = Assert.Throws<ConfigException>(() => _folder.Load(yaml));

        Assert.Equal((line, column, problem), (error.Line, error.Column, error.Problem));
        Assert.Contains(_schema.Validate(yaml), complaint => complaint.StartsWith(location + " (", StringComparison.Ordinal));
    }
}

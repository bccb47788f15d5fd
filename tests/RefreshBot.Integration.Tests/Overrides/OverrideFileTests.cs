using RefreshBot.Adapters.History;
using RefreshBot.Application.Refresh.History;
using RefreshBot.Application.Refresh.Reporting;

namespace RefreshBot.Integration.Tests.Overrides;

/// <summary>
/// End to end: a repository's own <c>.github/refreshbot.yml</c> (or <c>.refreshbot.yml</c>) read from its target branch
/// at the start of each refresh, merged over the fleet's settings within <c>overrides.allow</c>.
/// </summary>
public sealed class OverrideFileTests : IAsyncLifetime
{
    private readonly OverridesWorld _world = new();

    public Task InitializeAsync() => _world.InitializeAsync();

    public Task DisposeAsync() => _world.DisposeAsync();

    [Fact]
    public async Task Grouping_and_labels_from_the_file_change_the_pull_request_and_the_rest_stays_the_fleets()
    {
        await _world.CommitAsync(".github/refreshbot.yml", "grouping: dockerfile\nlabels: [base-images]\n");

        var outcome = await _world.RunAsync();

        Assert.Equal(RepositoryStatus.Succeeded, outcome.Status);
        Assert.Empty(outcome.Notices);
        var pull = Assert.Single(_world.World.Pulls);
        Assert.Equal("refreshbot/dockerfile/Dockerfile", pull.HeadRef);
        Assert.Equal(["base-images"], pull.Labels);
        Assert.Equal(["octocat"], pull.RequestedReviewers);
        Assert.Equal(["hubot"], pull.Assignees);
    }

    [Fact]
    public async Task The_file_is_read_again_each_run_so_changing_it_regroups_the_open_proposal()
    {
        await _world.RunAsync();
        Assert.Equal("refreshbot/base-images", Assert.Single(_world.World.Pulls).HeadRef);
        await _world.CommitAsync(".github/refreshbot.yml", "grouping: image\n");

        var outcome = await _world.RunAsync();

        Assert.Contains(outcome.Groups, g => g.Action == "create" && g.Branch.StartsWith("refreshbot/image/", StringComparison.Ordinal));
        Assert.Contains(outcome.Groups, g => g.Action == "closed-superseded" && g.Branch == "refreshbot/base-images");
    }

    [Fact]
    public async Task The_root_file_is_read_when_there_is_no_github_one()
    {
        await _world.CommitAsync(".refreshbot.yml", "labels: [from-root]\n");

        var outcome = await _world.RunAsync();

        Assert.Empty(outcome.Notices);
        Assert.Equal(["from-root"], Assert.Single(_world.World.Pulls).Labels);
    }

    [Fact]
    public async Task When_both_files_exist_the_github_one_wins_and_the_other_is_reported_as_ignored()
    {
        await _world.CommitAsync(".refreshbot.yml", "labels: [from-root]\n");
        await _world.CommitAsync(".github/refreshbot.yml", "labels: [from-github-folder]\n");

        var outcome = await _world.RunAsync();

        Assert.Equal(["from-github-folder"], Assert.Single(_world.World.Pulls).Labels);
        Assert.Equal(".refreshbot.yml: ignored: .github/refreshbot.yml is read first", Assert.Single(outcome.Notices));
    }

    [Fact]
    public async Task A_key_the_fleet_does_not_allow_is_ignored_and_reported_at_its_line_and_column_the_rest_applies()
    {
        _world.OverridesSection = "  allow: [labels]";
        await _world.CommitAsync(".github/refreshbot.yml", "labels: [mine]\ngrouping: image\npolicies:\n  soak: 0\n  ignore: [\"*\"]\nschedule: \"0 0 3 ? * SUN\"\n");

        var outcome = await _world.RunAsync();

        Assert.Equal(
            [
                ".github/refreshbot.yml:2:1: 'grouping' is not allowed by the fleet config (overrides.allow); ignored",
                ".github/refreshbot.yml:3:1: 'policies' is not allowed by the fleet config (overrides.allow); ignored",
                ".github/refreshbot.yml:6:1: 'schedule' cannot be set in a repository's settings file: the schedule is set before the repository is checked out, "
                    + "so it cannot come from this file; set it in the fleet config; ignored",
            ],
            outcome.Notices);
        var pull = Assert.Single(_world.World.Pulls);
        Assert.Equal("refreshbot/base-images", pull.HeadRef);    // not per image: grouping ignored
        Assert.Equal(["mine"], pull.Labels);                     // labels applied
        Assert.Contains(".github/refreshbot.yml:2:1: 'grouping' is not allowed by the fleet config (overrides.allow)", _world.World.Logs.AllText);
        await using var history = await SqliteRefreshHistory.OpenAsync(_world.World.DataDir, default);
        var run = Assert.Single(await history.RunsAsync("team/app", 5, default));
        Assert.Equal(RunOutcome.Succeeded, run.Outcome);
        Assert.StartsWith(".github/refreshbot.yml:2:1: 'grouping' is not allowed by the fleet config (overrides.allow); ignored\n", run.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_policy_not_allowed_is_ignored_key_by_key_while_an_allowed_one_applies()
    {
        _world.OverridesSection = "  allow: [policies.unpinned]";
        await _world.CommitAsync(".github/refreshbot.yml", "policies:\n  unpinned: report\n  ignore: [\"*\"]\n");

        var outcome = await _world.RunAsync();

        Assert.Equal([".github/refreshbot.yml:3:3: 'policies.ignore' is not allowed by the fleet config (overrides.allow); ignored"], outcome.Notices);
        Assert.Equal("create", Assert.Single(outcome.Groups).Action);    // the ignore-everything list did not apply
    }

    public static TheoryData<string, string> Malformed => new()
    {
        { "labels: [mine\ngrouping: image\n", ".github/refreshbot.yml:1:9: invalid YAML: this '[' or '{' is never closed" },
        { "labels: [mine]\ngrouping: sideways\n", ".github/refreshbot.yml:2:11: settings.grouping: expected one of repository, dockerfile, image, got 'sideways'" },
        { "labels: mine\n", ".github/refreshbot.yml:1:9: settings.labels: expected a list (lines starting with '- ', or [a, b])" },
        { "labels: [mine]\nlables: [x]\n", ".github/refreshbot.yml:2:1: unknown key 'lables' in the repository's settings: expected one of " },
        { "- labels: [mine]\n", ".github/refreshbot.yml:1:1: the repository's settings: expected a mapping (key: value lines)" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task A_malformed_file_is_reported_with_line_and_column_and_the_repository_refreshes_with_the_fleet_settings(string content, string error)
    {
        await _world.CommitAsync(".github/refreshbot.yml", content);

        var outcome = await _world.RunAsync();

        Assert.Equal(RepositoryStatus.Succeeded, outcome.Status);
        Assert.StartsWith(error, outcome.Notices[0], StringComparison.Ordinal);
        Assert.Equal(".github/refreshbot.yml: not applied (it has errors): this run used the fleet settings", outcome.Notices[^1]);
        var pull = Assert.Single(_world.World.Pulls);
        Assert.Equal("refreshbot/base-images", pull.HeadRef);
        Assert.Equal(["dependencies", "docker"], pull.Labels.Order());
        Assert.Contains(error, _world.World.Logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_larger_than_64_KiB_is_not_read_and_the_fleet_settings_apply()
    {
        await _world.CommitAsync(".github/refreshbot.yml", "labels: [mine]\n" + string.Concat(Enumerable.Repeat("# padding padding padding\n", 3000)));

        var outcome = await _world.RunAsync();

        Assert.StartsWith(".github/refreshbot.yml: expected at most 64 KiB, the file has ", outcome.Notices[0], StringComparison.Ordinal);
        Assert.Equal(["dependencies", "docker"], Assert.Single(_world.World.Pulls).Labels.Order());
    }

    [Fact]
    public async Task With_overrides_disabled_the_file_is_not_read()
    {
        _world.OverridesSection = "  enabled: false";
        await _world.CommitAsync(".github/refreshbot.yml", "grouping: image\nlabels: [mine]\n");

        var outcome = await _world.RunAsync();

        Assert.Empty(outcome.Notices);
        var pull = Assert.Single(_world.World.Pulls);
        Assert.Equal("refreshbot/base-images", pull.HeadRef);
        Assert.Equal(["dependencies", "docker"], pull.Labels.Order());
    }

    [Fact]
    public async Task Substitutions_in_the_file_are_refused_so_no_secret_of_the_bot_reaches_the_pull_request_or_the_log()
    {
        var variable = "REFRESHBOT_OVERRIDE_TEST_" + Guid.NewGuid().ToString("N");
        const string secret = "s3cret-from-the-bots-environment";
        Environment.SetEnvironmentVariable(variable, secret);
        try
        {
            var tokenFile = Path.Combine(_world.World.Folder, "token.txt");
            await _world.CommitAsync(".github/refreshbot.yml", $"labels: [\"${{env:{variable}}}\"]\nassignees: [\"${{file:{tokenFile}}}\"]\n");

            var outcome = await _world.RunAsync();

            Assert.Equal(
                [
                    $".github/refreshbot.yml:1:10: settings.labels entry: '${{env:{variable}}}' is not expanded: substitutions are not allowed in a "
                        + "repository's settings file (it is untrusted); write the value itself",
                    $".github/refreshbot.yml:2:13: settings.assignees entry: '${{file:{tokenFile}}}' is not expanded: substitutions are not allowed in a "
                        + "repository's settings file (it is untrusted); write the value itself",
                    ".github/refreshbot.yml: not applied (it has errors): this run used the fleet settings",
                ],
                outcome.Notices);
            var pull = Assert.Single(_world.World.Pulls);
            Assert.Equal(["dependencies", "docker"], pull.Labels.Order());
            Assert.Equal(["hubot"], pull.Assignees);
            foreach (var text in new[] { pull.Title, pull.Body, _world.World.Logs.AllText, string.Join("\n", outcome.Notices) })
            {
                Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
                Assert.DoesNotContain(EndToEnd.RefreshWorld.Token, text, StringComparison.Ordinal);
            }
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }
}

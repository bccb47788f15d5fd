using RefreshBot.Integration.Tests.Cli;

namespace RefreshBot.Integration.Tests.Config;

/// <summary>
/// <c>refreshbot config validate</c> on the mistakes a new admin makes: every error at once, each at its exact line and
/// column with what was expected and a hint; <c>run</c> refuses to start with the very same lines.
/// </summary>
public sealed class ConfigValidateTests : IDisposable
{
    private const string MissingVariable = "REFRESHBOT_TEST_UNSET_TRIGGER_TOKEN";

    private const string Mistakes = $$"""
        # yaml-language-server: $schema=./refreshbot.schema.json
        servce:
          jitter: 1m
        service:
          listen: http://0.0.0.0:8080/refreshbot
          jitter: 5 minutes
        events:
          trigger:
            token: ${env:{{MissingVariable}}}
        build:
          enabled: yes
        defaults:
          lables: [dependencies]
          platforms: linux/amd64
          schedule: "0 0 6 * *"
          policies:
            unpinned: update
        repositories:
          - path: svc
            schedule: 0 0 25 * * ?
          - path: ./svc/
          - url: https://git.example/team/app.git
            schedule:
              cron: 0 0 6 ? * MON
              timeZone: Europe/Berlinn
            policies:
              soak: 2 days

        """;

    private readonly ConfigFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Every_mistake_is_reported_at_its_line_and_column_with_a_hint()
    {
        Assert.Null(Environment.GetEnvironmentVariable(MissingVariable));
        var file = Write(Mistakes);

        var run = await CliRun.InProcessAsync("config", "validate", "--config", file);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Stdout);
        string[] expected =
        [
            $"{file}:2:1: unknown key 'servce' in the top level: expected one of github, git, storage, registries, registryClient, defaults, repositories, build, "
                + "vulnerabilities, events, service, digest, discover, dashboard, overrides; did you mean 'service'?",
            $"{file}:5:11: service.listen: expected a URL such as http://127.0.0.1:8080 or http://0.0.0.0:8080 (no path), got 'http://0.0.0.0:8080/refreshbot'",
            $"{file}:6:11: service.jitter: expected a duration from 0 to 24h such as 500ms, 7.5s, 30m or 6h, got '5 minutes'",
            $"{file}:9:12: events.trigger.token: environment variable '{MissingVariable}' is not set (from ${{env:{MissingVariable}}})",
            $"{file}:11:12: build.enabled: expected true or false, got 'yes'",
            $"{file}:13:3: unknown key 'lables' in defaults: expected one of branch, dockerfiles, buildArgs, platforms, platform, grouping, labels, "
                + "reviewers, assignees, schedule, policies, dashboardIssue, dashboardIssueTitle, build; did you mean 'labels'?",
            $"{file}:14:14: defaults.platforms: expected a list (lines starting with '- ', or [a, b])",
            $"{file}:15:13: defaults.schedule: expected a Quartz cron expression of 6 or 7 fields (seconds minutes hours day-of-month month "
                + "day-of-week [year]), got 5; a Unix cron needs a seconds field first, e.g. '0 0 6 * * ?'",
            $"{file}:17:15: defaults.policies.unpinned: expected one of pin, report, got 'update'",
            $"{file}:20:15: repositories[0].schedule: the cron expression is not valid: Hour values must be between 0 and 23 "
                + "(Quartz fields: seconds minutes hours day-of-month month day-of-week [year])",
            $"{file}:21:11: repository '{Path.Combine(_folder.Root, "svc")}' is listed twice (first at line 19)",
            $"{file}:25:17: repositories[2].schedule.timeZone: unknown time zone 'Europe/Berlinn': expected an IANA id such as Europe/Berlin or UTC; "
                + "did you mean 'Europe/Berlin'?",
            $"{file}:27:13: repositories[2].policies.soak: expected a duration such as 90s, 30m or 24h (0: off; at most 2160h), got '2 days'",
            $"{file}: 13 errors",
        ];
        Assert.Equal(expected, Lines(run.Stderr));
    }

    [Fact]
    public async Task Run_refuses_to_start_with_the_same_lines()
    {
        var file = Write(Mistakes);

        var validate = await CliRun.InProcessAsync("config", "validate", "--config", file);
        var run = await CliRun.InProcessAsync("run", "--config", file);

        Assert.Equal(2, run.ExitCode);
        var lines = Lines(run.Stderr);
        Assert.StartsWith("refreshbot: configuration error: not starting", lines[0]);
        Assert.Equal(Lines(validate.Stderr), lines.Skip(1).Where(line => line.StartsWith(file, StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("0 0 6 ? * 8", "Day-of-Week values must be between 1 and 7")]
    [InlineData("0 0 6 32 * ?", "Day of month values must be between 1 and 31")]
    [InlineData("60 0 6 * * ?", "Minute and Second values must be between 0 and 59")]
    [InlineData("0 0/70 6 * * ?", "Increment > 59")]
    [InlineData("0 0 6 ? * MON#6", "A numeric value between 1 and 5 must follow the '#' option")]
    [InlineData("0 0 0 30 FEB ?", "never fires")]
    [InlineData("0 0 0 31 APR ?", "never fires")]
    public async Task Crons_are_parsed_by_Quartz_itself(string cron, string expected)
    {
        var file = Write($"service:\n  digest: \"{cron}\"\n");

        var run = await CliRun.InProcessAsync("config", "validate", "--config", file);

        Assert.Equal(2, run.ExitCode);
        var error = Lines(run.Stderr)[0];
        Assert.StartsWith($"{file}:2:11: service.digest: ", error);
        Assert.Contains(expected, error);
    }

    [Fact]
    public async Task A_one_off_schedule_whose_time_has_passed_stays_valid()
    {
        // Validity never depends on today: the service keeps such a job without a trigger (and logs it).
        var file = Write("service:\n  digest: \"0 0 6 ? * MON 2020\"\n");

        var run = await CliRun.InProcessAsync("config", "validate", "--config", file);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Stderr);
    }

    [Fact]
    public async Task A_valid_config_says_what_it_holds()
    {
        var file = Write("repositories:\n  - path: svc\n  - url: https://git.example/team/app.git\nregistries:\n  - host: ghcr.io\n");

        var run = await CliRun.InProcessAsync("config", "validate", "--config", file);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Stderr);
        Assert.StartsWith($"{file}: valid (2 repositories, 1 registry, history: SQLite ", run.Stdout);
    }

    [Fact]
    public async Task Broken_YAML_and_a_missing_file_are_one_error_each()
    {
        var file = Write("defaults:\n  labels: [a, b\n  grouping: image\n");

        var broken = await CliRun.InProcessAsync("config", "validate", "--config", file);
        var missing = await CliRun.InProcessAsync("config", "validate", "--config", Path.Combine(_folder.Root, "nope.yaml"));

        Assert.Equal(2, broken.ExitCode);
        var lines = Lines(broken.Stderr);
        Assert.Equal(2, lines.Length);
        Assert.Equal($"{file}:2:11: invalid YAML: this '[' or '{{' is never closed", lines[0]);
        Assert.Equal($"{file}: 1 error", lines[1]);
        Assert.Equal(2, missing.ExitCode);
        Assert.Equal([$"{Path.Combine(_folder.Root, "nope.yaml")}: config file not found", $"{Path.Combine(_folder.Root, "nope.yaml")}: 1 error"], Lines(missing.Stderr));
    }

    private string Write(string yaml)
    {
        var path = Path.Combine(_folder.Root, "refreshbot.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}

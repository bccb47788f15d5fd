using RefreshBot.Adapters.History;
using RefreshBot.Application.Refresh.History;
using RefreshBot.Application.Refresh.Reporting;
using RefreshBot.Domain.Vulnerabilities.Severity;
using RefreshBot.Testing.RootFs;

using static RefreshBot.Integration.Tests.Evaluation.EvaluationSamples;

namespace RefreshBot.Integration.Tests.Evaluation;

/// <summary>
/// End to end with real dockerd, the real registry, git smart HTTP and the fake GitHub: base images v1 → v2 with
/// upgraded packages, OSV records affecting v1 and fixed in v2; one cycle opens a pull request whose "Build and scan"
/// section shows both builds, the exact package diff and the fixed advisories; a Dockerfile whose new image does not
/// build gives a draft pull request with the failing step; a re-run with nothing new neither rebuilds nor edits.
/// </summary>
[Collection("docker")]
public sealed class BuildAndScanTests : IAsyncLifetime
{
    private readonly BuildWorld _world = new();

    public Task InitializeAsync() => _world.InitializeAsync();

    public Task DisposeAsync() => _world.DisposeAsync();

    [Fact]
    public async Task Debian_like_base_upgrade_shows_builds_package_diff_and_fixed_advisory_and_a_rerun_changes_nothing()
    {
        var v1 = await _world.PushDebianAsync("team/debian", Openssl(OldOpenssl), Zlib());
        await _world.AddRepositoryAsync("app", $"FROM {_world.From(v1)}\nARG GREETING\nRUN test \"$GREETING\" = hello\n");
        await _world.PushDebianAsync("team/debian", Openssl(NewOpenssl), Zlib());
        _world.AddOsvRecord("DSA-9001-1", DebianRecord("DSA-9001-1", "CVE-2026-0001", "openssl", NewOpenssl, Critical));
        _world.AddOsvRecord("DSA-9002-1", DebianRecord("DSA-9002-1", "CVE-2026-0002", "zlib", "1:1.3.1-1", High));

        var report = await _world.RunAsync();

        var outcome = Assert.Single(report.Repositories);
        Assert.Equal(RepositoryStatus.Succeeded, outcome.Status);
        var group = Assert.Single(outcome.Groups);
        Assert.Equal("create", group.Action);
        Assert.Null(group.BuildFailure);
        var pull = _world.Pull("app");
        Assert.False(pull.Draft);
        var section = Section(pull.Body!);
        Assert.Contains("**Builds:** old ✓", section);
        Assert.Contains("new ✓", section);
        Assert.Contains("**Build:** ✓ built in", section);
        Assert.Contains($"| `openssl` | `{OldOpenssl}` | `{NewOpenssl}` | upgraded |", section);
        Assert.DoesNotContain("`zlib1g` |", section.Split("### Packages")[1].Split("### ")[0]);
        Assert.Contains("fixes 1 critical; introduces none; 1 still present (1 high)", section);
        Assert.Contains("### Fixed (1)", section);
        Assert.Contains("https://osv.dev/vulnerability/DSA-9001-1", section.Split("### Fixed (1)")[1].Split("### Still present")[0]);
        Assert.Contains("CVE-2026-0001", section);
        Assert.DoesNotContain(BuildWorld.Token, pull.Body);
        var recorded = Assert.Single(await _world.EvaluationsAsync("team/app"));
        Assert.Equal(pull.Number, recorded.PullRequest);
        var scan = Assert.Single(recorded.Dockerfiles).Scan!;
        var fixedAdvisory = Assert.Single(scan.Fixed);
        Assert.Equal(("DSA-9001-1", SeverityLevel.Critical), (fixedAdvisory.Id, fixedAdvisory.Severity));
        Assert.Contains("CVE-2026-0001", fixedAdvisory.Aliases);
        Assert.Equal(1, scan.Remaining.High);

        _world.GitHub.ResetRequests();
        var builds = _world.Builds;
        var rerun = await _world.RunAsync();

        Assert.Equal("unchanged", Assert.Single(rerun.Repositories[0].Groups).Action);
        Assert.Equal(0, _world.Writes);
        Assert.Equal(builds, _world.Builds);
        Assert.Equal(pull.Body, _world.Pull("app").Body);
        Assert.Single(await _world.EvaluationsAsync("team/app"));
    }

    [Fact]
    public async Task A_newer_digest_rebuilds_and_updates_the_section_of_the_same_pull_request()
    {
        var v1 = await _world.PushDebianAsync("team/moving", Openssl(OldOpenssl));
        await _world.AddRepositoryAsync("moving", $"FROM {_world.From(v1)}\nRUN echo built > /built.txt\n");
        await _world.PushDebianAsync("team/moving", Openssl(NewOpenssl));
        await _world.RunAsync();
        var first = _world.Pull("moving");
        Assert.Contains($"| `openssl` | `{OldOpenssl}` | `{NewOpenssl}` | upgraded |", Section(first.Body!));

        await _world.PushDebianAsync("team/moving", Openssl("3.0.16-1~deb12u1"), Zlib());
        var report = await _world.RunAsync();

        Assert.Equal("update", Assert.Single(report.Repositories[0].Groups).Action);
        var section = Section(_world.Pull("moving").Body!);
        Assert.Equal(first.Number, _world.Pull("moving").Number);
        Assert.Contains($"| `openssl` | `{OldOpenssl}` | `3.0.16-1~deb12u1` | upgraded |", section);
        Assert.Contains("| `zlib1g` | — | `1:1.2.13.dfsg-1` | added |", section);
    }

    [Fact]
    public async Task A_new_image_that_does_not_build_opens_a_draft_with_the_failing_step_and_the_report_says_so()
    {
        var v1 = await _world.PushDebianAsync("team/pinned", Openssl(OldOpenssl));
        await _world.AddRepositoryAsync(
            "broken", $"FROM {_world.From(v1)}\nRUN echo step one\nRUN grep -q 'Version: {OldOpenssl}' /var/lib/dpkg/status\n");
        await _world.PushDebianAsync("team/pinned", Openssl(NewOpenssl));

        var report = await _world.RunAsync();

        var group = Assert.Single(Assert.Single(report.Repositories).Groups);
        Assert.Equal("create", group.Action);
        Assert.True(group.Draft);
        Assert.StartsWith("Dockerfile: Step 3/", group.BuildFailure);
        Assert.Contains(": RUN grep -q", group.BuildFailure);
        var pull = _world.Pull("broken");
        Assert.True(pull.Draft);
        var section = Section(pull.Body!);
        Assert.Contains("**Builds:** old ✓", section);
        Assert.Contains("new ✗", section);
        Assert.Contains("**Failing step:** `Step 3/", section);
        Assert.Contains($" : RUN grep -q 'Version: {OldOpenssl}' /var/lib/dpkg/status`", section);
        Assert.Contains("returned a non-zero code: 1", section);
        Assert.Contains("Build log (last lines)", section);
        var built = Assert.Single(Assert.Single(await _world.EvaluationsAsync("team/broken")).Dockerfiles);
        Assert.True(built.Old!.Succeeded);
        Assert.False(built.New!.Succeeded);
        Assert.StartsWith("Step 3/", built.New.FailedStep);

        var text = new StringWriter();
        await Host.Output.CycleReportWriter.WriteAsync(report, text, default);
        Assert.Contains("opened as a draft: new image does not build: Dockerfile: Step 3/", text.ToString());
    }

    [Fact]
    public async Task Alpine_like_base_upgrade_shows_the_apk_package_diff_and_the_fixed_advisory()
    {
        var v1 = await _world.PushAlpineAsync("team/alpine", new BasePackage("musl", "1.2.5-r0"), new BasePackage("libcrypto3", "3.3.1-r0", "openssl"));
        await _world.AddRepositoryAsync("apkapp", $"FROM {_world.From(v1)}\nRUN echo built > /built.txt\n");
        await _world.PushAlpineAsync("team/alpine", new BasePackage("musl", "1.2.5-r0"), new BasePackage("libcrypto3", "3.3.2-r0", "openssl"));
        _world.AddOsvRecord("ALPINE-CVE-2026-0003", AlpineRecord("CVE-2026-0003", "openssl", "3.3.2-r0"));

        await _world.RunAsync();

        var section = Section(_world.Pull("apkapp").Body!);
        Assert.Contains("| `libcrypto3` | `3.3.1-r0` | `3.3.2-r0` | upgraded |", section);
        Assert.Contains("https://osv.dev/vulnerability/CVE-2026-0003", section);
        Assert.Contains("fixes 1 high; introduces none", section);
    }
}

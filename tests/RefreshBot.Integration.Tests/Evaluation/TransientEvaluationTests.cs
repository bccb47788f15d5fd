using RefreshBot.Adapters.History;
using RefreshBot.Application.Evaluation;
using RefreshBot.Application.Refresh.History;
using RefreshBot.Testing.RootFs;

using static RefreshBot.Integration.Tests.Evaluation.EvaluationSamples;

namespace RefreshBot.Integration.Tests.Evaluation;

/// <summary>
/// End to end with real dockerd, the real registry, git smart HTTP and the fake GitHub: a build-and-scan whose advisory
/// source failed (the OSV export folder is missing) is marked transient in the pull request; the next cycle, with the
/// folder back, evaluates the same change again without touching the branch and edits the body once (the real scan);
/// the cycle after that neither rebuilds nor writes. A genuine failure (the new image's step fails) is never retried.
/// </summary>
[Collection("docker")]
public sealed class TransientEvaluationTests : IAsyncLifetime
{
    private readonly BuildWorld _world = new();

    public Task InitializeAsync() => _world.InitializeAsync();

    public Task DisposeAsync() => _world.DisposeAsync();

    [Fact]
    public async Task A_failed_advisory_source_is_retried_next_cycle_on_the_same_branch_and_then_left_alone()
    {
        var v1 = await _world.PushDebianAsync("team/debian", new BasePackage("openssl", OldOpenssl));
        await _world.AddRepositoryAsync("app", $"FROM {_world.From(v1)}\nRUN echo built > /built.txt\n");
        await _world.PushDebianAsync("team/debian", new BasePackage("openssl", NewOpenssl));
        Directory.Delete(_world.OsvDirectory, recursive: true);

        var first = await _world.RunAsync();

        Assert.Equal("create", Assert.Single(first.Repositories[0].Groups).Action);
        var opened = _world.Pull("app");
        var section = Section(opened.Body!);
        Assert.Contains("vulnerabilities not matched", section);
        Assert.Contains(EvaluationMarkdown.TransientMarker, section);
        Assert.DoesNotContain("### Fixed", section);
        var head = await Head("app");

        Directory.CreateDirectory(_world.OsvDirectory);
        _world.AddOsvRecord("DSA-9001-1", DebianRecord("DSA-9001-1", "CVE-2026-0001", "openssl", NewOpenssl));
        _world.GitHub.ResetRequests();
        var builds = _world.Builds;

        var second = await _world.RunAsync();

        Assert.Equal("update-body", Assert.Single(second.Repositories[0].Groups).Action);
        Assert.Equal(builds + 2, _world.Builds);
        var patches = _world.GitHub.Requests.Where(r => r.Method is "POST" or "PATCH" or "PUT" or "DELETE").ToList();
        var patch = Assert.Single(patches);
        Assert.Equal(("PATCH", $"/repos/team/app/pulls/{opened.Number}"), (patch.Method, patch.Path));
        Assert.Equal(head, await Head("app"));
        Assert.NotNull(head);
        var updated = _world.Pull("app");
        Assert.Equal(opened.Number, updated.Number);
        section = Section(updated.Body!);
        Assert.DoesNotContain(EvaluationMarkdown.TransientMarker, section);
        Assert.DoesNotContain("vulnerabilities not matched", section);
        Assert.Contains("### Fixed (1)", section);
        Assert.Contains("https://osv.dev/vulnerability/DSA-9001-1", section);
        var evaluations = await _world.EvaluationsAsync("team/app");
        Assert.Equal(2, evaluations.Count);
        Assert.All(evaluations, e => Assert.Equal(opened.Number, e.PullRequest));
        Assert.Contains(evaluations, e => e.Dockerfiles.Single().Scan is { Fixed.Count: 1 });

        _world.GitHub.ResetRequests();
        builds = _world.Builds;

        var third = await _world.RunAsync();

        Assert.Equal("unchanged", Assert.Single(third.Repositories[0].Groups).Action);
        Assert.Equal(0, _world.Writes);
        Assert.Equal(builds, _world.Builds);
        Assert.Equal(updated.Body, _world.Pull("app").Body);
        Assert.Equal(2, (await _world.EvaluationsAsync("team/app")).Count);
    }

    [Fact]
    public async Task A_failure_that_persists_is_retried_once_per_cycle_without_editing_and_a_failing_step_is_never_retried()
    {
        var v1 = await _world.PushDebianAsync("team/pinned", new BasePackage("openssl", OldOpenssl));
        await _world.AddRepositoryAsync("flaky", $"FROM {_world.From(v1)}\nRUN echo built > /built.txt\n");
        await _world.AddRepositoryAsync(
            "broken", $"FROM {_world.From(v1)}\nRUN grep -q 'Version: {OldOpenssl}' /var/lib/dpkg/status\n");
        await _world.PushDebianAsync("team/pinned", new BasePackage("openssl", NewOpenssl));
        Directory.Delete(_world.OsvDirectory, recursive: true);

        await _world.RunAsync();

        Assert.Contains(EvaluationMarkdown.TransientMarker, Section(_world.Pull("flaky").Body!));
        var broken = _world.Pull("broken");
        Assert.True(broken.Draft);
        Assert.Contains("**Failing step:**", Section(broken.Body!));
        Assert.DoesNotContain(EvaluationMarkdown.TransientMarker, broken.Body);
        _world.GitHub.ResetRequests();
        var builds = _world.Builds;

        var again = await _world.RunAsync();

        Assert.All(again.Repositories.SelectMany(r => r.Groups), g => Assert.Equal("unchanged", g.Action));
        Assert.Equal(builds + 2, _world.Builds);
        Assert.Equal(0, _world.Writes);
        Assert.Contains(EvaluationMarkdown.TransientMarker, Section(_world.Pull("flaky").Body!));
        Assert.Equal(broken.Body, _world.Pull("broken").Body);
        Assert.Equal(2, (await _world.EvaluationsAsync("team/flaky")).Count);
        Assert.Single(await _world.EvaluationsAsync("team/broken"));
    }

    private Task<string?> Head(string repository) => _world.Git.Repository("team", repository).HeadAsync("refreshbot/base-images");
}

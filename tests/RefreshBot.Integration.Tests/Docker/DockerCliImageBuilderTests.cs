using System.Diagnostics;
using RefreshBot.Testing.RootFs;

namespace RefreshBot.Integration.Tests.Docker;

/// <summary>
/// <c>DockerCliImageBuilder</c> against the real daemon and a real registry: builds on pushed busybox bases,
/// <c>--pull</c> picking up a moved tag, a failing step, a timeout, and removal.
/// </summary>
public sealed class DockerCliImageBuilderTests(BuildFixture fixture) : IClassFixture<BuildFixture>
{
    [Fact]
    public async Task A_build_on_a_pushed_base_succeeds_with_id_size_label_and_log_and_RemoveAsync_deletes_it()
    {
        var marker = Guid.NewGuid().ToString("N");
        var context = fixture.Context($"""
            FROM {fixture.Debian.Reference}
            RUN echo "built {marker}" > /built.txt && cat /etc/debian_version
            CMD ["cat", "/built.txt"]
            """);

        var result = await fixture.BuildAsync(BuildFixture.Request(context));

        Assert.True(result.Succeeded, result.LogTail);
        Assert.StartsWith("sha256:", result.ImageId, StringComparison.Ordinal);
        Assert.InRange(result.SizeBytes!.Value, 1_500_000, 10_000_000); // static busybox is about 2 MB
        Assert.Null(result.FailedStep);
        Assert.Null(result.Error);
        Assert.True(result.Duration > TimeSpan.Zero);
        Assert.Contains("Successfully built", result.LogTail, StringComparison.Ordinal);
        Assert.Contains("12\n", result.LogTail, StringComparison.Ordinal); // /etc/debian_version of the base
        Assert.DoesNotContain("DEPRECATED", result.LogTail, StringComparison.Ordinal);
        Assert.Equal($"built {marker}", await DockerCli.RunAsync(fixture.Root, "run", "--rm", result.ImageId!));
        var label = await DockerCli.RunAsync(fixture.Root, "image", "inspect", "--format", "{{index .Config.Labels \"refreshbot.build\"}}", result.ImageId!);
        Assert.Equal(result.BuildId, label);

        await fixture.Builder.RemoveAsync([result.ImageId!], CancellationToken.None);
        Assert.False(await fixture.ImageExistsAsync(result.ImageId!));
        // Removing again (and an id that never existed) does not throw.
        await fixture.Builder.RemoveAsync([result.ImageId!, "sha256:" + new string('0', 64)], CancellationToken.None);
    }

    [Fact]
    public async Task A_build_on_the_apk_base_sees_its_package_database()
    {
        var context = fixture.Context($"""
            FROM {fixture.Alpine.Reference}
            RUN grep -c '^P:' /lib/apk/db/installed && cat /etc/alpine-release
            """);

        var result = await fixture.BuildAsync(BuildFixture.Request(context));

        Assert.True(result.Succeeded, result.LogTail);
        Assert.Contains("\n3\n", result.LogTail, StringComparison.Ordinal);
        Assert.Contains("3.20.3", result.LogTail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pull_picks_up_a_new_base_pushed_under_the_same_tag()
    {
        var repository = "base/moving-" + Guid.NewGuid().ToString("N")[..8];
        var v1 = await BaseImageFactory.CreateDebianLikeAsync(fixture.Registry.BaseUri, repository, "1", [new("libssl3", "3.0.11-1~deb12u2", "openssl")]);
        var context = fixture.Context($"""
            FROM {v1.Reference}
            RUN grep '^Version:' /var/lib/dpkg/status
            """);
        try
        {
            var first = await fixture.BuildAsync(BuildFixture.Request(context));
            Assert.True(first.Succeeded, first.LogTail);
            Assert.Contains("Version: 3.0.11-1~deb12u2", first.LogTail, StringComparison.Ordinal);

            var v2 = await BaseImageFactory.CreateDebianLikeAsync(fixture.Registry.BaseUri, repository, "1", [new("libssl3", "3.0.15-1~deb12u1", "openssl")]);
            Assert.NotEqual(v1.Digest, v2.Digest);
            var second = await fixture.BuildAsync(BuildFixture.Request(context));

            Assert.True(second.Succeeded, second.LogTail);
            Assert.Contains("Version: 3.0.15-1~deb12u1", second.LogTail, StringComparison.Ordinal);
            Assert.DoesNotContain("3.0.11", second.LogTail, StringComparison.Ordinal);
            Assert.NotEqual(first.ImageId, second.ImageId);
            var repoDigests = await DockerCli.RunAsync(fixture.Root, "image", "inspect", "--format", "{{json .RepoDigests}}", v1.Reference);
            Assert.Contains(v2.PinnedReference, repoDigests, StringComparison.Ordinal);
        }
        finally
        {
            // The tag now names v2; v1 is still known by its digest.
            await DockerCli.TryRunAsync(fixture.Root, "image", "rm", "--force", v1.Reference);
            await DockerCli.TryRunAsync(fixture.Root, "image", "rm", "--force", v1.PinnedReference);
        }
    }

    [Fact]
    public async Task A_failing_step_is_reported_with_the_error_line_and_its_intermediate_images_are_removed()
    {
        var marker = Guid.NewGuid().ToString("N");
        var context = fixture.Context($"""
            FROM {fixture.Debian.Reference}
            RUN echo {marker} > /step-two
            RUN echo about to fail && exit 3
            RUN echo never
            """);

        var result = await fixture.BuildAsync(BuildFixture.Request(context));

        Assert.False(result.Succeeded);
        Assert.False(result.TimedOut);
        Assert.Null(result.ImageId);
        Assert.Null(result.SizeBytes);
        Assert.Equal("Step 3/5 : RUN echo about to fail && exit 3", result.FailedStep);
        Assert.Equal("The command '/bin/sh -c echo about to fail && exit 3' returned a non-zero code: 3", result.Error);
        Assert.Contains("about to fail", result.LogTail, StringComparison.Ordinal);
        Assert.DoesNotContain("Step 4/5", result.LogTail, StringComparison.Ordinal);

        // The image step 2 committed (" ---> <id>" after its Step line) is gone; the base is still there.
        var lines = result.LogTail.Split('\n');
        var step2 = Array.FindIndex(lines, l => l.StartsWith("Step 2/5", StringComparison.Ordinal));
        var committed = lines.Skip(step2).First(l => l.StartsWith(" ---> ", StringComparison.Ordinal) && !l[6..].Contains(' ', StringComparison.Ordinal))[6..];
        Assert.False(await fixture.ImageExistsAsync(committed));
        Assert.True(await fixture.ImageExistsAsync(fixture.Debian.Reference));
    }

    [Fact]
    public async Task A_build_running_past_its_timeout_is_killed_and_reported_and_its_container_is_gone()
    {
        var seconds = 600 + Random.Shared.Next(1000);
        var context = fixture.Context($"""
            FROM {fixture.Debian.Reference}
            RUN echo started && sleep {seconds}
            """);
        var clock = Stopwatch.StartNew();

        var result = await fixture.BuildAsync(BuildFixture.Request(context, timeout: TimeSpan.FromSeconds(3)));

        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(20));
        Assert.False(result.Succeeded);
        Assert.True(result.TimedOut);
        Assert.Equal("timed out after 3 s", result.Error);
        Assert.Equal($"Step 2/3 : RUN echo started && sleep {seconds}", result.FailedStep);
        Assert.Contains("[refreshbot] build timed out after 3 s", result.LogTail, StringComparison.Ordinal);

        // The daemon kills and removes the step's container once the CLI is gone.
        var deadline = Stopwatch.StartNew();
        string commands;
        do
        {
            await Task.Delay(500);
            commands = await DockerCli.RunAsync(fixture.Root, "ps", "--all", "--no-trunc", "--format", "{{.Command}}");
        }
        while (commands.Contains($"sleep {seconds}", StringComparison.Ordinal) && deadline.Elapsed < TimeSpan.FromSeconds(15));
        Assert.DoesNotContain($"sleep {seconds}", commands, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_base_fails_with_the_daemon_error_and_no_step_beyond_FROM()
    {
        var context = fixture.Context($"FROM {fixture.Registry.Host}/base/absent:1\nRUN true\n");

        var result = await fixture.BuildAsync(BuildFixture.Request(context));

        Assert.False(result.Succeeded);
        Assert.Equal("Step 1/3 : FROM " + fixture.Registry.Host + "/base/absent:1", result.FailedStep);
        Assert.Contains("not found", result.Error, StringComparison.OrdinalIgnoreCase);
    }
}

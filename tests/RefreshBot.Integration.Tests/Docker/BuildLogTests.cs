using RefreshBot.Adapters.Docker;

namespace RefreshBot.Integration.Tests.Docker;

/// <summary>How the builder reads legacy-builder output: tail, caps, redaction, failed step, images to clean up.</summary>
public sealed class BuildLogTests
{
    [Fact]
    public async Task A_secret_across_the_line_cap_is_redacted_whole_and_long_lines_are_cut()
    {
        const string secret = "ghp_0123456789abcdef";
        var log = new BuildLog([secret, ""], tailLines: 3, maxLineChars: 10);
        var text = "12345678" + secret + new string('x', 5000) + "\nshort " + secret + "\n";

        await CappedLineReader.ReadAsync(new StringReader(text), log.ReadLineChars, (line, cut) => log.Add(new(line, cut, false)), CancellationToken.None);

        Assert.Equal("12345678**…\nshort ***\n", log.Tail());
        Assert.DoesNotContain("ghp_", log.Tail(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_tail_keeps_the_last_lines_and_drops_the_legacy_builder_notice()
    {
        var log = new BuildLog([], tailLines: 2, maxLineChars: 100);
        log.Add(new("DEPRECATED: The legacy builder is deprecated and will be removed in a future release.", false, true));
        log.Add(new("            BuildKit is currently disabled; enable it by removing the DOCKER_BUILDKIT=0", false, true));
        log.Add(new("            environment-variable.", false, true));
        foreach (var line in new[] { "one", "two", "three" })
        {
            log.Add(new(line, false, false));
        }

        Assert.Equal("two\nthree\n", log.Tail());
        Assert.Null(log.LastError);
    }

    [Fact]
    public void Step_error_and_committed_images_are_tracked_without_bases_or_cache_hits()
    {
        var log = new BuildLog([], tailLines: 60, maxLineChars: 400);
        string[] output =
        [
            "Step 1/5 : FROM example/base:1", " ---> 110368638fe8",
            "Step 2/5 : RUN echo cached", " ---> Using cache", " ---> 222222222222",
            "Step 3/5 : RUN echo new", " ---> Running in d08de6b8f141", "new", "Removing intermediate container d08de6b8f141", " ---> 333333333333",
            "Step 4/5 : RUN false", " ---> Running in b795657b2671",
        ];
        foreach (var line in output)
        {
            log.Add(new(line, false, false));
        }

        log.Add(new("The command '/bin/sh -c false' returned a non-zero code: 1", false, true));

        Assert.Equal("Step 4/5 : RUN false", log.LastStep);
        Assert.Equal("The command '/bin/sh -c false' returned a non-zero code: 1", log.LastError);
        Assert.Equal(["333333333333"], log.IntermediateImages);
    }
}

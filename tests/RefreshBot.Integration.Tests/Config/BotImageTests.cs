using RefreshBot.Domain.Dockerfiles;
using RefreshBot.Domain.References;

namespace RefreshBot.Integration.Tests.Config;

/// <summary>
/// The bot's own <c>Dockerfile</c> (issue 5): multi-stage, every base pinned by digest (so RefreshBot itself keeps it
/// fresh: the sample config tracks it), runs as a non-root user, config and data as mounts.
/// </summary>
public sealed class BotImageTests
{
    private static readonly string DockerfilePath = Path.Combine(SampleConfigTests.Root, "Dockerfile");

    [Fact]
    public void Every_base_image_is_pinned_by_digest_and_parses_cleanly()
    {
        var report = DockerfileImages.Extract("Dockerfile", File.ReadAllText(DockerfilePath));

        Assert.Empty(report.Diagnostics);
        var external = report.Images.Where(i => i.SkipReason is null).ToList();
        Assert.Equal(
            ["mcr.microsoft.com/dotnet/sdk", "mcr.microsoft.com/dotnet/aspnet", "docker.io/library/docker"],
            external.Select(i => ImageReference.Parse(i.Reference!).Name));
        Assert.All(external, i => Assert.NotNull(ImageReference.Parse(i.Reference!).Digest));
        Assert.All(external, i => Assert.NotNull(ImageReference.Parse(i.Reference!).Tag));
        Assert.Contains(external, i => i.Instruction == ImageInstruction.CopyFrom);

        // Multi-stage: the runtime copies the build stage's output (a stage reference: not an image use).
        var stages = report.Images.Where(i => i.Instruction == ImageInstruction.From).Select(i => i.Stage).ToList();
        Assert.Equal(["build", "runtime"], stages);
        Assert.Contains("COPY --from=build /app ./", File.ReadAllText(DockerfilePath), StringComparison.Ordinal);
    }

    [Fact]
    public void The_runtime_stage_runs_as_a_non_root_user_with_config_and_data_as_mounts()
    {
        var lines = File.ReadAllLines(DockerfilePath).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        var runtime = lines.FindIndex(l => l.StartsWith("FROM ", StringComparison.Ordinal) && l.EndsWith(" AS runtime", StringComparison.Ordinal));
        Assert.True(runtime > 0, "no runtime stage");
        var runtimeLines = lines[runtime..];

        var user = Assert.Single(runtimeLines, l => l.StartsWith("USER ", StringComparison.Ordinal));
        var uid = user["USER ".Length..].Split(':')[0];
        Assert.True(int.TryParse(uid, out var number) && number > 0, $"USER must be a non-zero numeric uid, found '{uid}'");
        Assert.Contains(runtimeLines, l => l.StartsWith("VOLUME", StringComparison.Ordinal) && l.Contains("/data", StringComparison.Ordinal));
        Assert.Contains(runtimeLines, l => l.Contains("REFRESHBOT_CONFIG=/config/", StringComparison.Ordinal));
        Assert.Contains(runtimeLines, l => l.Contains("REFRESHBOT_DATA_DIR=/data", StringComparison.Ordinal));
        Assert.DoesNotContain(runtimeLines, l => l.StartsWith("RUN ", StringComparison.Ordinal)); // chiseled: no shell
    }
}

using RefreshBot.Domain.Dockerfiles;

namespace RefreshBot.Domain.Tests.Dockerfiles;

public sealed class ExtractionTests
{
    private static string Text(string text, SourceSpan span) => text.Substring(span.Start, span.Length);

    [Fact]
    public void Literal_reference_span_is_the_token()
    {
        const string text = "# syntax=docker/dockerfile:1\nFROM --platform=linux/arm64 node:18@sha256:abc AS build\n";

        var image = Assert.Single(DockerfileImages.Extract("Dockerfile", text).Images);

        Assert.Equal(2, image.Line);
        Assert.Equal("node:18@sha256:abc", image.Reference);
        Assert.Equal("linux/arm64", image.Platform);
        Assert.Equal("build", image.Stage);
        Assert.Equal("node:18@sha256:abc", Text(text, Assert.Single(image.Spans)));
    }

    [Fact]
    public void Whole_reference_from_an_arg_points_at_the_arg_default()
    {
        const string text = "ARG BASE=\"node:18\"\n\nFROM $BASE\n";

        var image = Assert.Single(DockerfileImages.Extract("Dockerfile", text).Images);

        Assert.Equal(1, image.Line);
        Assert.Equal("BASE", image.ArgName);
        Assert.Equal("node:18", image.Reference);
        Assert.Equal("node:18", Text(text, Assert.Single(image.Spans)));
    }

    [Fact]
    public void Composite_reference_has_one_span_per_piece()
    {
        const string text = "ARG TAG=18-alpine\nFROM docker.io/library/node:${TAG} AS app\n";

        var image = Assert.Single(DockerfileImages.Extract("Dockerfile", text).Images);

        Assert.Equal(2, image.Line);
        Assert.Null(image.ArgName);
        Assert.Equal("docker.io/library/node:18-alpine", image.Reference);
        Assert.Equal(["docker.io/library/node:", "18-alpine"], image.Spans.Select(s => Text(text, s)));
    }

    [Fact]
    public void Build_arg_override_wins_and_has_no_source_span()
    {
        const string text = "ARG TAG=18\nFROM node:$TAG\n";

        var image = Assert.Single(DockerfileImages.Extract("Dockerfile", text, new Dictionary<string, string> { ["TAG"] = "20" }).Images);

        Assert.Equal("node:20", image.Reference);
        Assert.Empty(image.Spans);
    }

    [Fact]
    public void Arg_without_default_is_skipped_with_the_variable_named()
    {
        const string text = "ARG BASE\nFROM $BASE\n";

        var image = Assert.Single(DockerfileImages.Extract("Dockerfile", text).Images);

        Assert.Null(image.Reference);
        Assert.Contains("BASE", image.SkipReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Stage_scoped_arg_is_not_visible_in_from_or_copy_from()
    {
        const string text = "FROM alpine AS a\nARG IMG=busybox\nCOPY --from=$IMG /x /y\n";

        var images = DockerfileImages.Extract("Dockerfile", text).Images;

        Assert.Equal("alpine", images[0].Reference);
        Assert.Null(images[1].Reference);
        Assert.Equal(ImageInstruction.CopyFrom, images[1].Instruction);
        Assert.Contains("not a global ARG", images[1].SkipReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_and_alternatives_expand()
    {
        const string text = "ARG A\nARG B=x\nFROM ${A:-node}:${B:+18}\nFROM ${A-ubuntu}\n";

        var images = DockerfileImages.Extract("Dockerfile", text).Images;

        Assert.Equal(["node:18", "ubuntu"], images.Select(i => i.Reference));
    }

    [Fact]
    public void Stage_references_scratch_and_stage_indexes_are_not_images()
    {
        const string text = "FROM golang:1.22 AS Build\nFROM scratch\nFROM build AS again\nCOPY --from=BUILD /a /a\nCOPY --from=0 /a /a\nRUN --mount=type=cache,from=again,target=/c true\nADD --chown=1 x y\n";

        var report = DockerfileImages.Extract("Dockerfile", text);

        Assert.Equal(["golang:1.22"], report.Images.Select(i => i.Reference));
        Assert.Empty(report.Diagnostics);
    }

    [Fact]
    public void Copy_from_and_run_mount_from_images_have_exact_spans()
    {
        const string text = "FROM alpine\nCOPY --link --from=ghcr.io/astral-sh/uv:0.4 /uv /bin/\nRUN --mount=type=bind,from=example.com/cache/image:1,target=/x \\\n  --mount=type=cache,target=/y true\n";

        var images = DockerfileImages.Extract("Dockerfile", text).Images;

        Assert.Equal([ImageInstruction.From, ImageInstruction.CopyFrom, ImageInstruction.RunMountFrom], images.Select(i => i.Instruction));
        Assert.Equal("ghcr.io/astral-sh/uv:0.4", Text(text, Assert.Single(images[1].Spans)));
        Assert.Equal(2, images[1].Line);
        Assert.Equal("example.com/cache/image:1", Text(text, Assert.Single(images[2].Spans)));
        Assert.Equal(3, images[2].Line);
    }

    [Fact]
    public void Escape_directive_continuation_and_heredoc_are_honoured()
    {
        const string text = "# escape=`\nFROM `\n  mcr.microsoft.com/windows/servercore:ltsc2022\nRUN <<EOF\nFROM not-an-instruction\nEOF\nFROM alpine\n";

        var report = DockerfileImages.Extract("Dockerfile", text);

        Assert.Equal(["mcr.microsoft.com/windows/servercore:ltsc2022", "alpine"], report.Images.Select(i => i.Reference));
        Assert.Equal(3, report.Images[0].Line);
        Assert.Equal("mcr.microsoft.com/windows/servercore:ltsc2022", Text(text, Assert.Single(report.Images[0].Spans)));
        Assert.Equal(7, report.Images[1].Line);
    }

    [Theory]
    [InlineData("FROM alpine\nRUN <<EOF\necho hi\n", "unterminated heredoc")]
    [InlineData("FROM\n", "FROM requires an image")]
    [InlineData("FROM --platform alpine\n", "missing a value on flag: platform")]
    [InlineData("FROM alpine\nCMD [\"a\", [\"b\"]]\n", "JSON arguments must be an array of strings")]
    [InlineData("FROM a b\n", "either one or three")]
    [InlineData("FROM alpine\nCOPY --from=1 /a /b\n", "refers to current or future build stage")]
    [InlineData("", "file with no instructions")]
    public void Malformed_input_gives_a_diagnostic_with_line(string text, string message)
    {
        var report = DockerfileImages.Extract("bad/Dockerfile", text);

        var diagnostic = Assert.Single(report.Diagnostics, d => d.Message.Contains(message, StringComparison.Ordinal));
        Assert.Equal("bad/Dockerfile", diagnostic.Path);
        Assert.True(diagnostic.Line >= 1);
    }

    [Fact]
    public void Exponential_arg_chain_is_bounded()
    {
        var lines = new List<string> { "ARG A0=xxxxxxxxxxxxxxxx" };
        for (var i = 1; i < 60; i++)
        {
            lines.Add($"ARG A{i}=${{A{i - 1}}}${{A{i - 1}}}");
        }

        lines.Add("FROM $A59");

        var report = DockerfileImages.Extract("Dockerfile", string.Join('\n', lines));

        var image = Assert.Single(report.Images);
        Assert.Null(image.Reference);
        Assert.Contains(report.Diagnostics, d => d.Message.Contains("exceeds", StringComparison.Ordinal));
    }
}

using RefreshBot.Domain.Dockerfiles;
using RefreshBot.Domain.References;
using RefreshBot.Domain.Rewriting;

namespace RefreshBot.Domain.Tests.Rewriting;

public sealed class DockerfileRewriterTests
{
    private static readonly Digest Old = Digest.Parse("sha256:" + new string('a', 64));
    private static readonly Digest New = Digest.Parse("sha256:" + new string('b', 64));
    private static readonly Digest Other = Digest.Parse("sha256:" + new string('c', 64));

    /// <summary>Extracts, edits every resolved use to <paramref name="digest"/> and returns the result.</summary>
    private static RewriteResult RewriteAll(string text, Digest digest, IReadOnlyDictionary<string, string>? buildArgs = null)
    {
        var report = DockerfileImages.Extract("Dockerfile", text, buildArgs);
        var edits = report.Images.Where(i => i.Reference is not null).Select(i => new ReferenceEdit(i, digest)).ToList();
        return DockerfileRewriter.Apply(text, report, edits);
    }

    [Fact]
    public void Pinned_reference_gets_its_digest_bytes_replaced()
    {
        var result = RewriteAll($"FROM node:18@{Old} AS build\nRUN true\n", New);

        Assert.Equal($"FROM node:18@{New} AS build\nRUN true\n", result.Text);
        Assert.Empty(result.Refused);
        Assert.True(result.Changed);
    }

    [Fact]
    public void Unpinned_reference_gets_the_digest_after_its_tag_or_name()
    {
        var result = RewriteAll("FROM node:18\nFROM ghcr.io/acme/base AS b\nCOPY --from=alpine:3.20 /x /y\nRUN --mount=type=bind,from=busybox:1,target=/b true\n", New);

        Assert.Equal(
            $"FROM node:18@{New}\nFROM ghcr.io/acme/base@{New} AS b\nCOPY --from=alpine:3.20@{New} /x /y\nRUN --mount=type=bind,from=busybox:1@{New},target=/b true\n",
            result.Text);
        Assert.Equal(4, result.Applied.Count);
    }

    [Fact]
    public void Whole_reference_from_an_arg_default_is_changed_in_the_arg_line()
    {
        var text = "ARG BASE=\"node:18\"\nFROM $BASE\nRUN echo hi\n";

        var result = RewriteAll(text, New);

        Assert.Equal($"ARG BASE=\"node:18@{New}\"\nFROM $BASE\nRUN echo hi\n", result.Text);
    }

    [Fact]
    public void Composite_reference_is_edited_in_the_piece_that_holds_its_end()
    {
        var text = "ARG REGISTRY=registry.example.com\nARG TAG=20\nFROM ${REGISTRY}/team/node:${TAG}\n";

        var result = RewriteAll(text, New);

        Assert.Equal($"ARG REGISTRY=registry.example.com\nARG TAG=20@{New}\nFROM ${{REGISTRY}}/team/node:${{TAG}}\n", result.Text);
    }

    [Fact]
    public void Composite_with_a_literal_end_is_edited_on_the_from_line()
    {
        var text = "ARG VERSION=20\nFROM node:${VERSION}-alpine\n";

        var result = RewriteAll(text, New);

        Assert.Equal($"ARG VERSION=20\nFROM node:${{VERSION}}-alpine@{New}\n", result.Text);
    }

    [Fact]
    public void Digest_held_by_an_arg_is_replaced_in_the_arg_line()
    {
        var text = $"ARG NODE_DIGEST={Old}\nFROM node:18@${{NODE_DIGEST}}\n";

        var result = RewriteAll(text, New);

        Assert.Equal($"ARG NODE_DIGEST={New}\nFROM node:18@${{NODE_DIGEST}}\n", result.Text);
    }

    [Fact]
    public void Build_arg_override_is_refused_because_the_value_is_not_in_the_file()
    {
        var text = "ARG BASE=node:18\nFROM $BASE\n";

        var result = RewriteAll(text, New, new Dictionary<string, string> { ["BASE"] = "node:20" });

        Assert.Equal(text, result.Text);
        var refused = Assert.Single(result.Refused);
        Assert.Contains("ARG BASE", refused.Reason, StringComparison.Ordinal);
        Assert.Contains("build arg", refused.Reason, StringComparison.Ordinal);
        Assert.Empty(result.Applied);
        Assert.False(result.Changed);
    }

    [Fact]
    public void Computed_default_is_refused()
    {
        var text = "ARG V=18\nARG BASE=node:${V}\nFROM $BASE\n";

        var result = RewriteAll(text, New);

        Assert.Equal(text, result.Text);
        Assert.Contains("not written literally", Assert.Single(result.Refused).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Arg_read_by_two_images_with_different_meanings_is_refused_but_the_other_one_is_pinned()
    {
        var text = "ARG TAG=18\nFROM node:${TAG} AS a\nFROM node:${TAG}-alpine AS b\n";

        var result = RewriteAll(text, New);

        Assert.Equal($"ARG TAG=18\nFROM node:${{TAG}} AS a\nFROM node:${{TAG}}-alpine@{New} AS b\n", result.Text);
        var refused = Assert.Single(result.Refused);
        Assert.Equal("node:18", refused.Edit.Use.Reference);
        Assert.Contains("ARG TAG (line 1) is also read by 'node:18-alpine' on line 3", refused.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Arg_read_by_a_run_command_through_a_stage_declaration_is_refused()
    {
        var text = "ARG NODE_VERSION=18\nFROM node:${NODE_VERSION}\nARG NODE_VERSION\nRUN ./build.sh\n";

        var result = RewriteAll(text, New);

        Assert.Equal(text, result.Text);
        Assert.Contains("redeclared in a stage on line 3", Assert.Single(result.Refused).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Arg_read_by_another_default_is_refused()
    {
        var text = "ARG IMAGE=node\nARG FULL=${IMAGE}:18\nFROM ${IMAGE}\nLABEL from=\"$FULL\"\n";

        var result = RewriteAll(text, New);

        Assert.Equal(text, result.Text);
        Assert.Contains("also read outside the image references being edited (instructions on lines 2, 3)", Assert.Single(result.Refused).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Same_arg_edited_twice_to_the_same_digest_is_applied_once()
    {
        var text = "ARG BASE=node:18\nFROM $BASE AS a\nFROM --platform=linux/arm64 $BASE AS b\n";

        var result = RewriteAll(text, New);

        Assert.Equal($"ARG BASE=node:18@{New}\nFROM $BASE AS a\nFROM --platform=linux/arm64 $BASE AS b\n", result.Text);
        Assert.Equal(2, result.Applied.Count);
        Assert.Empty(result.Refused);
    }

    [Fact]
    public void Same_arg_edited_to_different_digests_is_refused_for_both()
    {
        var text = "ARG BASE=node:18\nFROM $BASE AS a\nFROM --platform=linux/arm64 $BASE AS b\n";
        var report = DockerfileImages.Extract("Dockerfile", text);

        var result = DockerfileRewriter.Apply(text, report, [new ReferenceEdit(report.Images[0], New), new ReferenceEdit(report.Images[1], Other)]);

        Assert.Equal(text, result.Text);
        Assert.Equal(2, result.Refused.Count);
        Assert.All(result.Refused, r => Assert.Contains("overlaps with the edit of 'node:18'", r.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public void Arg_shared_with_a_use_that_is_not_edited_is_refused()
    {
        var text = "ARG BASE=node:18\nFROM $BASE AS a\nFROM $BASE AS b\n";
        var report = DockerfileImages.Extract("Dockerfile", text);

        var result = DockerfileRewriter.Apply(text, report, [new ReferenceEdit(report.Images[0], New)]);

        Assert.Equal(text, result.Text);
        Assert.Contains("is also read by 'node:18' on line 1", Assert.Single(result.Refused).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Skipped_and_stale_uses_are_refused_with_a_reason()
    {
        var text = "ARG TAG\nFROM node:${TAG}\nFROM alpine:3\n";
        var report = DockerfileImages.Extract("Dockerfile", text);
        var stale = report.Images[1] with { Spans = [new SourceSpan(0, 3)] };

        var result = DockerfileRewriter.Apply(text, report, [new ReferenceEdit(report.Images[0], New), new ReferenceEdit(stale, New)]);

        Assert.Equal(text, result.Text);
        Assert.Contains("skipped by extraction: variable TAG has no value", result.Refused[0].Reason, StringComparison.Ordinal);
        Assert.Contains("the report was extracted from another version of the file", result.Refused[1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Literal_followed_by_an_empty_variable_is_refused()
    {
        var text = "ARG SUFFIX=\nFROM node:18${SUFFIX}\n";

        var result = RewriteAll(text, New);

        Assert.Equal(text, result.Text);
        Assert.Equal("node:18", Assert.Single(result.Refused).Edit.Use.Reference);
    }

    [Fact]
    public void Digest_split_by_a_line_continuation_is_refused_but_a_split_name_is_pinned_at_its_end()
    {
        var split = $"FROM node:18@sha256:{new string('a', 30)}\\\n{new string('a', 34)}\n";
        var name = "FROM node\\\n:18 AS x\n";

        Assert.Contains("split across several pieces", Assert.Single(RewriteAll(split, New).Refused).Reason, StringComparison.Ordinal);
        Assert.Equal($"FROM node\\\n:18@{New} AS x\n", RewriteAll(name, New).Text);
    }

    [Fact]
    public void Everything_but_the_reference_bytes_is_kept_crlf_bom_escapes_heredocs_comments()
    {
        var text = "\uFEFF# escape=`\r\n# comment FROM node:18\r\nARG BASE=debian:12\r\nFROM  node:18 `\r\n  AS build\r\nRUN <<EOF\r\nFROM node:18\r\nEOF\r\nFROM $BASE\r\nCOPY --from=build /a /b\r\n";

        var result = RewriteAll(text, New);

        Assert.Empty(result.Refused);
        Assert.Equal(
            $"\uFEFF# escape=`\r\n# comment FROM node:18\r\nARG BASE=debian:12@{New}\r\nFROM  node:18@{New} `\r\n  AS build\r\nRUN <<EOF\r\nFROM node:18\r\nEOF\r\nFROM $BASE\r\nCOPY --from=build /a /b\r\n",
            result.Text);
    }

    [Fact]
    public void Edit_to_the_digest_already_pinned_changes_nothing()
    {
        var text = $"FROM node:18@{New}\n";

        var result = RewriteAll(text, New);

        Assert.Equal(text, result.Text);
        Assert.Single(result.Applied);
        Assert.False(result.Changed);
    }
}

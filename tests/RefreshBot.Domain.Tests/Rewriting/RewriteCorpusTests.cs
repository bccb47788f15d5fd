using System.Text.RegularExpressions;
using RefreshBot.Domain.Dockerfiles;
using RefreshBot.Domain.References;
using RefreshBot.Domain.Rewriting;
using RefreshBot.Domain.Tests.Dockerfiles;
using Xunit.Abstractions;

namespace RefreshBot.Domain.Tests.Rewriting;

/// <summary>
/// Rewrites every resolved reference of the 481-file real-world corpus (Vectors/dockerfile-corpus) to one fixed digest,
/// as written (LF) and converted to CRLF, then checks the result independently of the rewriter's own bookkeeping.
/// </summary>
public sealed partial class RewriteCorpusTests(ITestOutputHelper output)
{
    private static readonly Digest Fixed = Digest.Parse("sha256:" + new string('f', 64));

    public static TheoryData<string, bool> FilesAndEndings()
    {
        var data = new TheoryData<string, bool>();
        foreach (var file in File.ReadLines(VectorFiles.PathOf("dockerfile-corpus", "MANIFEST.tsv")).Skip(1).Select(l => l.Split('\t')[0]))
        {
            data.Add(file, false);
            data.Add(file, true);
        }

        return data;
    }

    private static string Load(string file, bool crlf)
    {
        var text = File.ReadAllText(VectorFiles.PathOf("dockerfile-corpus", file));
        Assert.DoesNotContain(Fixed.ToString(), text, StringComparison.Ordinal);
        return crlf ? text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal) : text;
    }

    private static (DockerfileImageReport Report, RewriteResult Result) RewriteEverything(string file, string text)
    {
        var report = DockerfileImages.Extract(file, text);
        var edits = report.Images.Where(i => i.Reference is not null).Select(i => new ReferenceEdit(i, Fixed)).ToList();
        return (report, DockerfileRewriter.Apply(text, report, edits));
    }

    [Theory]
    [MemberData(nameof(FilesAndEndings))]
    public void Re_extraction_sees_the_new_digest_on_every_applied_reference_and_nothing_else_changed(string file, bool crlf)
    {
        var text = Load(file, crlf);
        var (before, result) = RewriteEverything(file, text);

        var after = DockerfileImages.Extract(file, result.Text);

        Assert.Equal(before.Images.Count, after.Images.Count);
        Assert.Equal(before.Diagnostics.Select(d => d.ToString()), after.Diagnostics.Select(d => d.ToString()));
        for (var i = 0; i < before.Images.Count; i++)
        {
            var (old, now) = (before.Images[i], after.Images[i]);
            Assert.Equal((old.Line, old.Instruction, old.Stage, old.Platform, old.ArgName, old.SkipReason, old.Spans.Count), (now.Line, now.Instruction, now.Stage, now.Platform, now.ArgName, now.SkipReason, now.Spans.Count));
            if (!result.Applied.Any(e => ReferenceEquals(e.Use, old)))
            {
                Assert.Equal(old.Reference, now.Reference);
                continue;
            }

            var was = ImageReference.Parse(old.Reference!);
            var isNow = ImageReference.Parse(now.Reference!);
            Assert.Equal((was.Name, was.Tag, (Digest?)Fixed), (isNow.Name, isNow.Tag, isNow.Digest));
            Assert.Equal(now.Reference, string.Concat(now.Spans.Select(s => result.Text.Substring(s.Start, s.Length))));
        }
    }

    [Theory]
    [MemberData(nameof(FilesAndEndings))]
    public void Only_the_digest_bytes_differ_and_only_on_lines_of_applied_references(string file, bool crlf)
    {
        var text = Load(file, crlf);
        var (_, result) = RewriteEverything(file, text);

        Assert.Equal(AnyDigest().Replace(text, ""), AnyDigest().Replace(result.Text, ""));
        Assert.Equal(result.Applied.Count > 0 && result.Applied.Any(e => !e.Use.Reference!.EndsWith(Fixed.ToString(), StringComparison.Ordinal)), result.Changed);
        var oldLines = text.Split('\n');
        var newLines = result.Text.Split('\n');
        Assert.Equal(oldLines.Length, newLines.Length);
        var editedLines = result.Applied.SelectMany(e => e.Use.Spans).Select(s => LineOf(text, s.Start)).ToHashSet();
        for (var i = 0; i < oldLines.Length; i++)
        {
            if (oldLines[i] != newLines[i])
            {
                Assert.Contains(i + 1, editedLines);
                Assert.Equal(oldLines[i].EndsWith('\r'), newLines[i].EndsWith('\r'));
            }
        }

        Assert.Equal(text.Count(c => c == '\r'), result.Text.Count(c => c == '\r'));
    }

    [Fact]
    public void Corpus_counts_of_editable_and_refused_references()
    {
        var (uses, skipped, applied, changedFiles) = (0, 0, 0, 0);
        var refusals = new Dictionary<string, int>();
        foreach (var file in FilesAndEndings().Select(row => (string)row[0]).Distinct())
        {
            var text = Load(file, crlf: false);
            var (report, result) = RewriteEverything(file, text);
            uses += report.Images.Count;
            skipped += report.Images.Count(i => i.Reference is null);
            applied += result.Applied.Count;
            changedFiles += result.Changed ? 1 : 0;
            foreach (var refused in result.Refused)
            {
                var kind = Kind(refused.Reason);
                refusals[kind] = refusals.GetValueOrDefault(kind) + 1;
                output.WriteLine($"{file}:{refused.Edit.Use.Line}: {refused.Reason}");
            }
        }

        output.WriteLine($"uses {uses}, skipped by extraction {skipped}, applied {applied}, refused {refusals.Values.Sum()}, files changed {changedFiles}");
        foreach (var (kind, count) in refusals.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"  refused, {kind}: {count}");
        }

        Assert.Equal(RecordedUses, uses);
        Assert.Equal(RecordedSkipped, skipped);
        Assert.Equal(RecordedApplied, applied);
        Assert.Equal(RecordedRefusals, refusals.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Key}={r.Value}").ToArray());
    }

    /// <summary>Recorded on the corpus; every refusal is listed in the test output with its file, line and reason.</summary>
    private const int RecordedUses = 614;
    private const int RecordedSkipped = 2;
    private const int RecordedApplied = 606;

    /// <summary>
    /// moby/buildkit and moby/moby: an ARG default that another ARG's default reads too (<c>DOCKER_VERSION</c>,
    /// <c>BASE_DEBIAN_DISTRO</c>: 2); a FROM whose reference comes whole from a computed ARG
    /// (<c>ARG GOLANG_IMAGE="golang:${GO_VERSION}-…"</c>: 2) or reads one (<c>dockereng/cli-bin:$DOCKER_CLI_VERSION</c>: 1);
    /// mysql's jq template <c>oraclelinux:{{</c> (1).
    /// </summary>
    private static readonly string[] RecordedRefusals =
        ["ARG read elsewhere=2", "invalid reference=1", "text not locatable=1", "value not literal (ARG)=2"];

    private static string Kind(string reason)
        => reason.Contains("not written literally", StringComparison.Ordinal) ? "value not literal (ARG)"
            : reason.Contains("cannot be located", StringComparison.Ordinal) ? "text not locatable"
            : reason.Contains("is also read by", StringComparison.Ordinal) ? "ARG shared with another image"
            : reason.Contains("redeclared in a stage", StringComparison.Ordinal) ? "ARG visible to a stage"
            : reason.Contains("also read outside", StringComparison.Ordinal) ? "ARG read elsewhere"
            : reason.Contains("overlaps", StringComparison.Ordinal) ? "overlap"
            : reason.Contains("is not a valid image reference", StringComparison.Ordinal) ? "invalid reference"
            : reason;

    private static int LineOf(string text, int offset) => 1 + text.AsSpan(0, offset).Count('\n');

    [GeneratedRegex("@?sha(256|512):[0-9a-f]{64,128}")]
    private static partial Regex AnyDigest();
}

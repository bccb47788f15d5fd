using System.Text.RegularExpressions;
using RefreshBot.Domain.Dockerfiles;
using RefreshBot.Domain.Dockerfiles.Parsing;

namespace RefreshBot.Domain.Tests.Dockerfiles;

public sealed partial class CorpusTests
{
    /// <summary>README of dockerfile-corpus: "481 files, 799 FROM lines".</summary>
    private const int RecordedFileCount = 481;
    private const int RecordedFromLines = 799;

    /// <summary>Corpus files that are not Dockerfiles BuildKit accepts (see Vectors/dockerfile-corpus/NOTE.md): they must give errors.</summary>
    private static readonly string[] NotBuildable =
    [
        "files/docker-library__mysql__Dockerfile.oracle", // a jq template ({{ ... }}) that slipped past the corpus' template filter
        "files/crazy-max__diun__pkg__dockerfile__fixtures__invalid.Dockerfile", // diun's own invalid-input fixture
    ];

    [Theory]
    [MemberData(nameof(NotBuildableFiles))]
    public void Files_that_are_not_dockerfiles_give_errors_but_still_round_trip(string file)
    {
        var text = File.ReadAllText(VectorFiles.PathOf("dockerfile-corpus", file));

        var syntax = DockerfileParser.Parse(file, text);

        Assert.Contains(syntax.Diagnostics, d => d.Severity == DiagnosticSeverity.Error && d.Message.StartsWith("unknown instruction", StringComparison.Ordinal));
        AssertSegmentsTile(syntax);
        Assert.Equal(text, syntax.Reassemble());
    }

    public static TheoryData<string> NotBuildableFiles() => new(NotBuildable);

    public static TheoryData<string> Files()
        => new(File.ReadLines(VectorFiles.PathOf("dockerfile-corpus", "MANIFEST.tsv")).Skip(1).Select(l => l.Split('\t')[0]));

    [Fact]
    public void Manifest_lists_the_recorded_number_of_files()
    {
        Assert.Equal(RecordedFileCount, Files().Count);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Parses_without_errors_and_round_trips(string file)
    {
        var text = File.ReadAllText(VectorFiles.PathOf("dockerfile-corpus", file));

        var syntax = DockerfileParser.Parse(file, text);

        if (NotBuildable.Contains(file))
        {
            return;
        }

        Assert.DoesNotContain(syntax.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        AssertSegmentsTile(syntax);
        AssertPiecesMapBack(syntax);
        Assert.Equal(text, syntax.Reassemble());
        var report = DockerfileImages.Extract(file, text);
        Assert.DoesNotContain(report.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        foreach (var image in report.Images.Where(i => i.Reference is not null && i.Spans.Count > 0))
        {
            Assert.Equal(image.Reference, string.Concat(image.Spans.Select(s => text.Substring(s.Start, s.Length))));
        }
    }

    [Fact]
    public void From_instruction_count_matches_the_recorded_count()
    {
        var total = 0;
        foreach (var file in Files())
        {
            var text = File.ReadAllText(VectorFiles.PathOf("dockerfile-corpus", file));
            var syntax = DockerfileParser.Parse(file, text);
            var froms = syntax.Instructions.Count(i => i.Name == "FROM");
            Assert.True(NaiveFromLine().Matches(text).Count == froms, $"{file}: naive FROM lines {NaiveFromLine().Matches(text).Count}, parsed {froms}");
            total += froms;
        }

        Assert.Equal(RecordedFromLines, total);
    }

    private static void AssertSegmentsTile(DockerfileSyntax syntax)
    {
        var expectedStart = 0;
        foreach (var segment in syntax.Segments)
        {
            Assert.Equal(expectedStart, segment.Span.Start);
            Assert.True(segment.Span.Length > 0);
            expectedStart = segment.Span.End;
        }

        Assert.Equal(syntax.Text.Length, expectedStart);
    }

    private static void AssertPiecesMapBack(DockerfileSyntax syntax)
    {
        foreach (var instruction in syntax.Instructions)
        {
            Assert.True(instruction.Span.Start >= 0 && instruction.Span.End <= syntax.Text.Length);
            foreach (var piece in instruction.Logical.Pieces)
            {
                Assert.Equal(
                    instruction.Logical.Text.Substring(piece.LogicalStart, piece.Length),
                    syntax.Text.Substring(piece.SourceStart, piece.Length));
            }
        }
    }

    [GeneratedRegex(@"^[ \t]*FROM[ \t]", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex NaiveFromLine();
}

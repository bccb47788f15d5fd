using System.Text.Json;
using RefreshBot.Domain.Dockerfiles;
using RefreshBot.Domain.Dockerfiles.Parsing;

namespace RefreshBot.Domain.Tests.Dockerfiles;

public sealed class BuildKitParserVectorTests
{
    public static TheoryData<string> PositiveCases()
        => new(Directory.GetDirectories(VectorFiles.PathOf("buildkit-dockerfile-parser", "testfiles")).Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    public static TheoryData<string> NegativeCases()
        => new(Directory.GetDirectories(VectorFiles.PathOf("buildkit-dockerfile-parser", "testfiles-negative")).Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(PositiveCases))]
    public void Positive_testfile_dump_matches_buildkit_result(string name)
    {
        var text = VectorFiles.Read("buildkit-dockerfile-parser", "testfiles", name, "Dockerfile");
        var expected = VectorFiles.Read("buildkit-dockerfile-parser", "testfiles", name, "result").Replace("\r\n", "\n", StringComparison.Ordinal);

        var syntax = DockerfileParser.Parse(name, text);

        Assert.Equal(expected, BuildKitDump.Dump(syntax));
        Assert.Equal(text, syntax.Reassemble());
    }

    [Theory]
    [MemberData(nameof(NegativeCases))]
    public void Negative_testfile_gives_an_error_diagnostic(string name)
    {
        var text = VectorFiles.Read("buildkit-dockerfile-parser", "testfiles-negative", name, "Dockerfile");

        var syntax = DockerfileParser.Parse(name, text);

        Assert.Contains(syntax.Diagnostics, d => d.Severity == DiagnosticSeverity.Error && d.Path == name && d.Line >= 1);
    }

    [Fact]
    public void Testfile_line_reports_instruction_line_ranges()
    {
        var facts = Facts("lineNumbers").Single();
        var text = VectorFiles.Read("buildkit-dockerfile-parser", facts.GetProperty("file").GetString()!);

        var syntax = DockerfileParser.Parse("testfile-line", text);

        var expected = facts.GetProperty("children").EnumerateArray().Select(c => (c[0].GetInt32(), c[1].GetInt32())).ToList();
        Assert.Equal(expected, syntax.Instructions.Select(i => (i.StartLine, i.EndLine)).ToList());
        Assert.Equal(facts.GetProperty("ast_start_line").GetInt32(), syntax.Instructions[0].StartLine);
        Assert.Equal(facts.GetProperty("ast_end_line").GetInt32(), syntax.Instructions[^1].EndLine);
    }

    [Fact]
    public void Parse_words_facts_hold()
    {
        foreach (var fact in Facts("parseWords"))
        {
            var words = ShellWords.Split(fact.GetProperty("input").GetString()!, 0, '\\').Select(w => w.Text);
            Assert.Equal(fact.GetProperty("expect").EnumerateArray().Select(e => e.GetString()), words);
        }
    }

    [Fact]
    public void Empty_continuation_lines_give_warnings()
    {
        var fact = Facts("emptyContinuationWarnings").Single();

        var syntax = DockerfileParser.Parse("f", fact.GetProperty("input").GetString()!);

        var warnings = syntax.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Warning).ToList();
        Assert.Equal(fact.GetProperty("expect_warning_count").GetInt32(), warnings.Count);
        Assert.DoesNotContain(syntax.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void Instruction_error_facts_give_error_diagnostics()
    {
        foreach (var fact in Facts("instructionError"))
        {
            var syntax = DockerfileParser.Parse("f", fact.GetProperty("input").GetString()!);
            Assert.Contains(syntax.Diagnostics, d => d.Severity == DiagnosticSeverity.Error && d.Message == fact.GetProperty("expect_error").GetString());
        }
    }

    [Fact]
    public void Overlong_line_is_a_diagnostic_not_an_exception()
    {
        var text = "FROM image\nLABEL test=" + new string('a', 65536);

        var syntax = DockerfileParser.Parse("f", text);

        Assert.Contains(syntax.Diagnostics, d => d.Line == 2 && d.Message.Contains("65535", StringComparison.Ordinal));
        Assert.Equal(text, syntax.Reassemble());
    }

    private static IEnumerable<JsonElement> Facts(string kind)
        => File.ReadLines(VectorFiles.PathOf("buildkit-dockerfile-parser", "parser-facts.jsonl"))
            .Where(l => l.Length > 0)
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Where(e => e.GetProperty("kind").GetString() == kind);
}

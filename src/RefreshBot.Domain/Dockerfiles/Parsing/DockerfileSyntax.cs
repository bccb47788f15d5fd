namespace RefreshBot.Domain.Dockerfiles.Parsing;

/// <summary>What a <see cref="SyntaxSegment"/> of the file is.</summary>
public enum SegmentKind
{
    Directive,
    Comment,
    Blank,
    Instruction,
}

/// <summary>A contiguous run of whole source lines. The segments of a file tile it exactly.</summary>
public readonly record struct SyntaxSegment(SegmentKind Kind, SourceSpan Span, int StartLine, int EndLine);

/// <summary>A parser directive at the top of the file (<c># syntax=</c>, <c># escape=</c>, <c># check=</c>).</summary>
public sealed record ParserDirective(string Name, string Value, int Line, SourceSpan ValueSpan);

/// <summary>The result of <see cref="DockerfileParser.Parse"/>: the original text, its tiling, instructions and diagnostics.</summary>
public sealed record DockerfileSyntax(
    string Path,
    string Text,
    char EscapeToken,
    IReadOnlyList<ParserDirective> Directives,
    IReadOnlyList<SyntaxSegment> Segments,
    IReadOnlyList<Instruction> Instructions,
    IReadOnlyList<DockerfileDiagnostic> Diagnostics)
{
    /// <summary>Re-assembles the file from its segments (proves the segments tile the text).</summary>
    public string Reassemble()
    {
        var builder = new System.Text.StringBuilder(Text.Length);
        foreach (var segment in Segments)
        {
            builder.Append(Text, segment.Span.Start, segment.Span.Length);
        }

        return builder.ToString();
    }
}

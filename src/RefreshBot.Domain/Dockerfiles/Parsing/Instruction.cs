namespace RefreshBot.Domain.Dockerfiles.Parsing;

/// <summary>A <c>--name[=value]</c> flag of an instruction. Offsets are logical (see <see cref="LogicalLine"/>).</summary>
/// <param name="Name">Flag name without the leading dashes.</param>
/// <param name="Value">Unquoted value, or null for a bare <c>--name</c>.</param>
/// <param name="Raw">The flag text after quote removal, as BuildKit lists it (e.g. <c>--from=build</c>).</param>
/// <param name="ValueStart">Logical offset of the raw value text (just after <c>=</c>), or -1.</param>
/// <param name="ValueLength">Length of the raw value text (quotes included).</param>
public sealed record InstructionFlag(string Name, string? Value, string Raw, int ValueStart, int ValueLength);

/// <summary>A whitespace-delimited argument with its logical position.</summary>
public readonly record struct ArgumentToken(string Text, int Start)
{
    public int Length => Text.Length;
}

/// <summary>A heredoc attached to an instruction (<c>&lt;&lt;EOF</c>, <c>&lt;&lt;-EOF</c>, quoted names).</summary>
public sealed record Heredoc(string Name, bool Chomp, bool Expand, string Content, int FirstBodyLine, int TerminatorLine);

/// <summary>The parsed form of one instruction (also used for an ONBUILD trigger).</summary>
/// <param name="Keyword">The keyword as written (case preserved).</param>
/// <param name="Flags">Leading <c>--flags</c>.</param>
/// <param name="ArgumentsText">The rest of the logical line after the flags, trimmed.</param>
/// <param name="ArgumentsStart">Logical offset of <see cref="ArgumentsText"/>.</param>
/// <param name="Values">BuildKit's node values for the arguments (what its AST dump lists).</param>
/// <param name="IsJson">True when the arguments are in JSON (exec) form.</param>
/// <param name="Trigger">For ONBUILD: the trigger instruction.</param>
public sealed record InstructionBody(
    string Keyword,
    IReadOnlyList<InstructionFlag> Flags,
    string ArgumentsText,
    int ArgumentsStart,
    IReadOnlyList<string> Values,
    bool IsJson,
    InstructionBody? Trigger)
{
    /// <summary>Upper-case keyword, e.g. <c>FROM</c>.</summary>
    public string Name => Keyword.ToUpperInvariant();

    /// <summary>The first flag with this name (case-insensitive), or null.</summary>
    public InstructionFlag? Flag(string name)
    {
        foreach (var flag in Flags)
        {
            if (string.Equals(flag.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return flag;
            }
        }

        return null;
    }
}

/// <summary>One instruction of a Dockerfile with its source location.</summary>
/// <param name="StartLine">1-based first line.</param>
/// <param name="EndLine">1-based last line (heredoc terminator included).</param>
/// <param name="Span">Whole lines the instruction occupies, terminators included.</param>
public sealed record Instruction(
    InstructionBody Body,
    LogicalLine Logical,
    int StartLine,
    int EndLine,
    SourceSpan Span,
    IReadOnlyList<Heredoc> Heredocs)
{
    public string Name => Body.Name;
}

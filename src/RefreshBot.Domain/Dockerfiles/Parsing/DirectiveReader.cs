namespace RefreshBot.Domain.Dockerfiles.Parsing;

/// <summary>Recognises a parser directive line: <c>#</c> ws* name ws* <c>=</c> ws* value ws* (BuildKit's directive grammar).</summary>
internal static class DirectiveReader
{
    private static readonly string[] Known = ["syntax", "escape", "check"];

    /// <summary>True when <paramref name="line"/> (already left-trimmed, at <paramref name="offset"/> in the source) is a known directive.</summary>
    public static bool TryRead(ReadOnlySpan<char> line, int offset, int lineNumber, out ParserDirective? directive)
    {
        directive = null;
        if (line.Length == 0 || line[0] != '#')
        {
            return false;
        }

        var i = 1;
        while (i < line.Length && char.IsWhiteSpace(line[i]))
        {
            i++;
        }

        var nameStart = i;
        if (i >= line.Length || !char.IsAsciiLetter(line[i]))
        {
            return false;
        }

        while (i < line.Length && char.IsAsciiLetterOrDigit(line[i]))
        {
            i++;
        }

        var name = KnownName(line[nameStart..i]);
        while (i < line.Length && char.IsWhiteSpace(line[i]))
        {
            i++;
        }

        if (i >= line.Length || line[i] != '=')
        {
            return false;
        }

        i++;
        while (i < line.Length && char.IsWhiteSpace(line[i]))
        {
            i++;
        }

        var end = line.Length;
        while (end > i && char.IsWhiteSpace(line[end - 1]))
        {
            end--;
        }

        if (end <= i || name is null)
        {
            return false;
        }

        directive = new ParserDirective(name, line[i..end].ToString(), lineNumber, new SourceSpan(offset + i, end - i));
        return true;
    }

    /// <summary>The known directive name (lower case) matching <paramref name="name"/> case-insensitively, else null.</summary>
    private static string? KnownName(ReadOnlySpan<char> name)
    {
        foreach (var known in Known)
        {
            if (name.Equals(known, StringComparison.OrdinalIgnoreCase))
            {
                return known;
            }
        }

        return null;
    }
}

namespace RefreshBot.Domain.Dockerfiles.Parsing;

/// <summary>Recognises a parser directive line: <c>#</c> ws* name ws* <c>=</c> ws* value ws* (BuildKit's directive grammar).</summary>
internal static class DirectiveReader
{
    private static readonly string[] Known = ["syntax", "escape", "check"];

    /// <summary>True when <paramref name="line"/> (already left-trimmed, at <paramref name="offset"/> in the source) is a known directive.</summary>
    public static bool TryRead(string line, int offset, int lineNumber, out ParserDirective? directive)
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

        var name = line[nameStart..i].ToLowerInvariant();
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

        if (end <= i || Array.IndexOf(Known, name) < 0)
        {
            return false;
        }

        directive = new ParserDirective(name, line[i..end], lineNumber, new SourceSpan(offset + i, end - i));
        return true;
    }
}

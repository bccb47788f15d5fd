namespace RefreshBot.Domain.Dockerfiles.Parsing;

/// <summary>One physical line of the source: <see cref="Start"/> + content + terminator (<c>\n</c>, <c>\r\n</c>, or none at EOF).</summary>
public readonly record struct SourceLine(int Number, int Start, int ContentLength, int TerminatorLength)
{
    /// <summary>End of the content (exclusive), before the terminator.</summary>
    public int ContentEnd => Start + ContentLength;

    /// <summary>End of the line including its terminator.</summary>
    public int End => Start + ContentLength + TerminatorLength;

    /// <summary>Splits <paramref name="text"/> on <c>\n</c> like BuildKit's line scanner; trailing <c>\r</c>/<c>\n</c> are the terminator.</summary>
    public static List<SourceLine> Split(string text)
    {
        var lines = new List<SourceLine>(text.AsSpan().Count('\n') + 1);
        var start = 0;
        var number = 1;
        while (start < text.Length)
        {
            var newline = text.IndexOf('\n', start);
            var end = newline < 0 ? text.Length : newline + 1;
            var contentEnd = end;
            while (contentEnd > start && (text[contentEnd - 1] == '\n' || text[contentEnd - 1] == '\r'))
            {
                contentEnd--;
            }

            lines.Add(new SourceLine(number++, start, contentEnd - start, end - contentEnd));
            start = end;
        }

        return lines;
    }
}

namespace RefreshBot.Domain.Dockerfiles.Parsing;

/// <summary>Reads the leading <c>--flag[=value]</c> words of an instruction (BuildKit's builder-flag rules).</summary>
internal static class FlagScanner
{
    /// <summary>Scans flags in <paramref name="line"/> from <paramref name="from"/>; returns the logical offset where the arguments begin.</summary>
    public static int Scan(string line, int from, List<InstructionFlag> flags)
    {
        var pos = from;
        while (true)
        {
            while (pos < line.Length && char.IsWhiteSpace(line[pos]))
            {
                pos++;
            }

            if (pos >= line.Length)
            {
                return line.Length;
            }

            if (line[pos] != '-' || pos + 1 >= line.Length || line[pos + 1] != '-')
            {
                return pos;
            }

            var wordStart = pos;
            var word = new System.Text.StringBuilder();
            var equalsAt = -1;
            char quote = '\0';
            var blankOk = false;
            while (pos < line.Length)
            {
                var ch = line[pos];
                if (quote != '\0')
                {
                    if (ch == quote)
                    {
                        quote = '\0';
                        pos++;
                        continue;
                    }

                    if (ch == '\\')
                    {
                        if (pos + 1 == line.Length)
                        {
                            pos++;
                            quote = '\0';
                            continue;
                        }

                        pos++;
                        ch = line[pos];
                    }

                    word.Append(ch);
                    pos++;
                    continue;
                }

                if (char.IsWhiteSpace(ch))
                {
                    break;
                }

                if (ch == '\'' || ch == '"')
                {
                    quote = ch;
                    blankOk = true;
                    pos++;
                    continue;
                }

                if (ch == '\\')
                {
                    if (pos + 1 == line.Length)
                    {
                        pos++;
                        continue;
                    }

                    pos++;
                    ch = line[pos];
                }

                if (ch == '=' && equalsAt < 0)
                {
                    equalsAt = pos;
                }

                word.Append(ch);
                pos++;
            }

            var text = word.ToString();
            if (text == "--")
            {
                return pos;
            }

            if (blankOk || text.Length > 0)
            {
                flags.Add(Create(text, equalsAt, pos, wordStart));
            }
        }
    }

    private static InstructionFlag Create(string text, int equalsAt, int wordEnd, int wordStart)
    {
        var body = text.Length >= 2 ? text[2..] : string.Empty;
        var eq = body.IndexOf('=', StringComparison.Ordinal);
        if (eq < 0)
        {
            return new InstructionFlag(body, null, text, -1, 0);
        }

        var valueStart = equalsAt >= wordStart ? equalsAt + 1 : -1;
        return new InstructionFlag(body[..eq], body[(eq + 1)..], text, valueStart, valueStart < 0 ? 0 : wordEnd - valueStart);
    }
}

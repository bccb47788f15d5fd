namespace RefreshBot.Domain.Dockerfiles.Parsing;

/// <summary>Reads the leading <c>--flag[=value]</c> words of an instruction (BuildKit's builder-flag rules).</summary>
internal static class FlagScanner
{
    /// <summary>
    /// Scans flags in <paramref name="line"/> from <paramref name="from"/> up to <paramref name="end"/> (exclusive);
    /// returns the logical offset where the arguments begin.
    /// </summary>
    public static int Scan(string line, int from, int end, List<InstructionFlag> flags)
    {
        var text = line.AsSpan(0, end);
        var pos = from;
        System.Text.StringBuilder? word = null;
        while (true)
        {
            while (pos < text.Length && char.IsWhiteSpace(text[pos]))
            {
                pos++;
            }

            if (pos >= text.Length)
            {
                return text.Length;
            }

            if (text[pos] != '-' || pos + 1 >= text.Length || text[pos + 1] != '-')
            {
                return pos;
            }

            var wordStart = pos;
            word = word is null ? new System.Text.StringBuilder() : word.Clear();
            var equalsAt = -1;
            char quote = '\0';
            var blankOk = false;
            while (pos < text.Length)
            {
                var ch = text[pos];
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
                        if (pos + 1 == text.Length)
                        {
                            pos++;
                            quote = '\0';
                            continue;
                        }

                        pos++;
                        ch = text[pos];
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
                    if (pos + 1 == text.Length)
                    {
                        pos++;
                        continue;
                    }

                    pos++;
                    ch = text[pos];
                }

                if (ch == '=' && equalsAt < 0)
                {
                    equalsAt = pos;
                }

                word.Append(ch);
                pos++;
            }

            var raw = word.ToString();
            if (raw == "--")
            {
                return pos;
            }

            if (blankOk || raw.Length > 0)
            {
                flags.Add(Create(raw, equalsAt, pos, wordStart));
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

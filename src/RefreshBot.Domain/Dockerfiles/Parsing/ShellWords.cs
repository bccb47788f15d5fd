namespace RefreshBot.Domain.Dockerfiles.Parsing;

/// <summary>
/// BuildKit's word splitting for ARG/ENV/LABEL: split on whitespace outside quotes, quotes and
/// escapes kept in the word. <see cref="ArgumentToken.Start"/> is the word's offset; the raw
/// source of a word is <c>[Start, End)</c>.
/// </summary>
public static class ShellWords
{
    public readonly record struct Word(string Text, int Start, int End);

    public static List<Word> Split(string rest, int offset, char escape)
    {
        var words = new List<Word>();
        var word = new System.Text.StringBuilder();
        var inWord = false;
        var wordStart = 0;
        char quote = '\0';
        var blankOk = false;
        var pos = 0;
        while (pos <= rest.Length)
        {
            if (pos == rest.Length)
            {
                if (inWord && (blankOk || word.Length > 0))
                {
                    words.Add(new Word(word.ToString(), offset + wordStart, offset + pos));
                }

                break;
            }

            var ch = rest[pos];
            if (!inWord)
            {
                if (char.IsWhiteSpace(ch))
                {
                    pos++;
                    continue;
                }

                inWord = true;
                wordStart = pos;
            }

            if (quote == '\0')
            {
                if (char.IsWhiteSpace(ch))
                {
                    if (blankOk || word.Length > 0)
                    {
                        words.Add(new Word(word.ToString(), offset + wordStart, offset + pos));
                    }

                    word.Clear();
                    blankOk = false;
                    inWord = false;
                    pos++;
                    continue;
                }

                if (ch == '\'' || ch == '"')
                {
                    quote = ch;
                    blankOk = true;
                }

                if (ch == escape)
                {
                    if (pos + 1 == rest.Length)
                    {
                        pos++;
                        continue;
                    }

                    word.Append(ch);
                    pos++;
                    ch = rest[pos];
                }

                word.Append(ch);
                pos++;
                continue;
            }

            if (ch == quote)
            {
                quote = '\0';
            }
            else if (ch == escape && quote != '\'')
            {
                if (pos + 1 == rest.Length)
                {
                    quote = '\0';
                    pos++;
                    continue;
                }

                word.Append(ch);
                pos++;
                ch = rest[pos];
            }

            word.Append(ch);
            pos++;
        }

        return words;
    }
}

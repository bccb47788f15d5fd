namespace RefreshBot.Domain.Dockerfiles.Parsing;

/// <summary>Finds heredoc openers (<c>[n]&lt;&lt;[-]NAME</c>, NAME optionally quoted) among the words of an instruction line.</summary>
internal static class HeredocMarkers
{
    public readonly record struct Marker(string Name, bool Chomp, bool Expand);

    public static List<Marker> Find(string line)
    {
        var markers = new List<Marker>();
        if (!line.Contains("<<", StringComparison.Ordinal))
        {
            return markers;
        }

        foreach (var word in ShellWords.Split(line, 0, '\\'))
        {
            var text = word.Text;
            var i = 0;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }

            if (i + 2 > text.Length || text[i] != '<' || text[i + 1] != '<')
            {
                continue;
            }

            i += 2;
            var chomp = i < text.Length && text[i] == '-';
            if (chomp)
            {
                i++;
            }

            var raw = text[i..];
            if (raw.Length == 0 || raw.Contains('<', StringComparison.Ordinal))
            {
                continue;
            }

            var name = Unquote(raw, out var quoted);
            if (name.Length == 0 || name.Any(char.IsWhiteSpace))
            {
                continue;
            }

            markers.Add(new Marker(name, chomp, !quoted));
        }

        return markers;
    }

    private static string Unquote(string raw, out bool quoted)
    {
        quoted = false;
        var builder = new System.Text.StringBuilder(raw.Length);
        char quote = '\0';
        for (var i = 0; i < raw.Length; i++)
        {
            var ch = raw[i];
            if (quote != '\0')
            {
                if (ch == quote)
                {
                    quote = '\0';
                    continue;
                }

                builder.Append(ch);
                continue;
            }

            if (ch is '\'' or '"')
            {
                quote = ch;
                quoted = true;
                continue;
            }

            if (ch == '\\' && i + 1 < raw.Length)
            {
                i++;
                ch = raw[i];
            }

            builder.Append(ch);
        }

        return builder.ToString();
    }
}

namespace RefreshBot.Domain.Dockerfiles.Parsing;

/// <summary>
/// Turns one logical line into an <see cref="InstructionBody"/>: keyword, flags, and the argument
/// values per instruction form (JSON or shell form, name=value pairs, words), as BuildKit's parser does.
/// </summary>
internal static class InstructionReader
{
    /// <summary>Reads the instruction starting at logical offset <paramref name="from"/>; <paramref name="error"/> is set when BuildKit's parser would fail.</summary>
    public static InstructionBody Read(string line, int from, char escape, out string? error)
    {
        error = null;
        var start = from;
        while (start < line.Length && char.IsWhiteSpace(line[start]))
        {
            start++;
        }

        var end = line.Length;
        while (end > start && char.IsWhiteSpace(line[end - 1]))
        {
            end--;
        }

        var keywordEnd = start;
        while (keywordEnd < end && !IsSeparator(line[keywordEnd]))
        {
            keywordEnd++;
        }

        var keyword = Keyword(line.AsSpan(start, keywordEnd - start));
        var flags = new List<InstructionFlag>();
        var argsStart = end;
        if (keywordEnd < end)
        {
            var afterSeparator = keywordEnd;
            while (afterSeparator < end && IsSeparator(line[afterSeparator]))
            {
                afterSeparator++;
            }

            argsStart = FlagScanner.Scan(line, afterSeparator, end, flags);
            while (argsStart < end && char.IsWhiteSpace(line[argsStart]))
            {
                argsStart++;
            }
        }

        var rest = argsStart < end ? line[argsStart..end] : string.Empty;
        var values = new List<string>();
        var isJson = false;
        InstructionBody? trigger = null;
        switch (keyword.ToUpperInvariant())
        {
            case "ADD":
            case "COPY":
            case "VOLUME":
                isJson = MaybeJsonToList(rest, values, ref error);
                break;
            case "ARG":
                foreach (var word in ShellWords.Split(rest, 0, escape))
                {
                    values.Add(word.Text);
                }

                break;
            case "CMD":
            case "ENTRYPOINT":
            case "RUN":
            case "SHELL":
                isJson = MaybeJson(rest, values, ref error);
                break;
            case "ENV":
            case "LABEL":
                NameValues(rest, keyword.ToUpperInvariant(), escape, values, ref error);
                break;
            case "EXPOSE":
            case "FROM":
                foreach (var token in WhitespaceTokens(rest, 0))
                {
                    values.Add(token.Text);
                }

                break;
            case "HEALTHCHECK":
                isJson = HealthConfig(rest, values, ref error);
                break;
            case "MAINTAINER":
            case "STOPSIGNAL":
            case "USER":
            case "WORKDIR":
                if (rest.Length > 0)
                {
                    values.Add(rest);
                }

                break;
            case "ONBUILD":
                if (rest.Length > 0)
                {
                    trigger = Read(line[..end], argsStart, escape, out error);
                }

                break;
        }

        return new InstructionBody(keyword, flags, rest, argsStart, values, isJson, trigger);
    }

    private static readonly string[] Keywords =
        ["FROM", "RUN", "COPY", "ADD", "ARG", "ENV", "LABEL", "WORKDIR", "USER", "CMD", "ENTRYPOINT", "EXPOSE", "VOLUME",
         "HEALTHCHECK", "SHELL", "STOPSIGNAL", "ONBUILD", "MAINTAINER"];

    /// <summary>The keyword as written: the shared constant when it is a known keyword in upper case, else a new string.</summary>
    private static string Keyword(ReadOnlySpan<char> written)
    {
        foreach (var known in Keywords)
        {
            if (written.SequenceEqual(known))
            {
                return known;
            }
        }

        return written.ToString();
    }

    /// <summary>Splits on runs of space, tab, CR, VT, FF (BuildKit's <c>[\t\v\f\r ]+</c>), keeping logical offsets.</summary>
    public static List<ArgumentToken> WhitespaceTokens(string text, int offset)
    {
        var tokens = new List<ArgumentToken>();
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && IsSeparator(text[i]))
            {
                i++;
            }

            var start = i;
            while (i < text.Length && !IsSeparator(text[i]))
            {
                i++;
            }

            if (i > start)
            {
                tokens.Add(new ArgumentToken(text[start..i], offset + start));
            }
        }

        return tokens;
    }

    private static bool IsSeparator(char ch) => ch is ' ' or '\t' or '\r' or '\v' or '\f';

    private static bool MaybeJsonToList(string rest, List<string> values, ref string? error)
    {
        switch (JsonArrayForm.TryParse(rest, out var json))
        {
            case JsonArrayForm.Outcome.Strings:
                values.AddRange(json);
                return true;
            case JsonArrayForm.Outcome.NotStringArray:
                error = "JSON arguments must be an array of strings";
                return false;
            default:
                foreach (var token in WhitespaceTokens(rest, 0))
                {
                    values.Add(token.Text);
                }

                return false;
        }
    }

    private static bool MaybeJson(string rest, List<string> values, ref string? error)
    {
        if (rest.Length == 0)
        {
            return false;
        }

        switch (JsonArrayForm.TryParse(rest, out var json))
        {
            case JsonArrayForm.Outcome.Strings:
                values.AddRange(json);
                return true;
            case JsonArrayForm.Outcome.NotStringArray:
                error = "JSON arguments must be an array of strings";
                return false;
            default:
                values.Add(rest);
                return false;
        }
    }

    private static bool HealthConfig(string rest, List<string> values, ref string? error)
    {
        var sep = 0;
        while (sep < rest.Length && !char.IsWhiteSpace(rest[sep]))
        {
            sep++;
        }

        var next = sep;
        while (next < rest.Length && char.IsWhiteSpace(rest[next]))
        {
            next++;
        }

        if (sep == 0)
        {
            return false;
        }

        values.Add(rest[..sep]);
        return MaybeJson(rest[next..], values, ref error);
    }

    private static void NameValues(string rest, string key, char escape, List<string> values, ref string? error)
    {
        var words = ShellWords.Split(rest, 0, escape);
        if (words.Count == 0)
        {
            error = $"{key} requires at least one argument";
            return;
        }

        if (!words[0].Text.Contains('=', StringComparison.Ordinal))
        {
            var tokens = rest.Length == 0 ? -1 : IndexOfSeparator(rest);
            if (tokens < 0)
            {
                error = $"{key} must have two arguments";
                return;
            }

            var valueStart = tokens;
            while (valueStart < rest.Length && IsSeparator(rest[valueStart]))
            {
                valueStart++;
            }

            values.Add(rest[..tokens]);
            values.Add(rest[valueStart..]);
            values.Add(string.Empty);
            return;
        }

        foreach (var word in words)
        {
            var eq = word.Text.IndexOf('=', StringComparison.Ordinal);
            if (eq < 0)
            {
                error = $"Syntax error - can't find = in \"{word.Text}\". Must be of the form: name=value";
                values.Clear();
                return;
            }

            values.Add(word.Text[..eq]);
            values.Add(word.Text[(eq + 1)..]);
            values.Add("=");
        }
    }

    private static int IndexOfSeparator(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (IsSeparator(text[i]))
            {
                return i;
            }
        }

        return -1;
    }
}

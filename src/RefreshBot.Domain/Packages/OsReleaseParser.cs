using System.Text;

namespace RefreshBot.Domain.Packages;

/// <summary>
/// Reads <c>os-release</c> as os-release(5) describes it: one shell-style <c>KEY=value</c> assignment per
/// line, values optionally in double quotes (backslash escapes <c>$ " \ `</c>) or single quotes (literal),
/// <c>#</c> comments, blank and malformed lines ignored.
/// </summary>
public static class OsReleaseParser
{
    /// <summary>os-release(5): "If not set, a default of ID=linux may be used."</summary>
    public const string DefaultId = "linux";

    private const int MaxValueLength = 1024;

    /// <summary>The essentials of the file, or null when it holds no assignment at all.</summary>
    public static OsRelease? Parse(string text)
    {
        var fields = ParseFields(text);
        if (fields.Count == 0)
        {
            return null;
        }

        var idLike = fields.TryGetValue("ID_LIKE", out var like)
            ? like.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries)
            : [];
        return new OsRelease(
            Empty(fields.GetValueOrDefault("ID")) ?? DefaultId,
            Empty(fields.GetValueOrDefault("VERSION_ID")),
            Empty(fields.GetValueOrDefault("VERSION_CODENAME")),
            idLike,
            Empty(fields.GetValueOrDefault("PRETTY_NAME")));
    }

    /// <summary>Every assignment in the file (last one wins), values unquoted and unescaped.</summary>
    public static IReadOnlyDictionary<string, string> ParseFields(string text)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in new TextLines(text))
        {
            var line = raw.Trim();
            if (line.IsEmpty || line[0] == '#')
            {
                continue;
            }

            var eq = line.IndexOf('=');
            if (eq <= 0 || !IsKey(line[..eq]))
            {
                continue;
            }

            var value = Unquote(line[(eq + 1)..]);
            if (value is not null)
            {
                fields[line[..eq].ToString()] = value;
            }
        }

        return fields;
    }

    private static string? Empty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static bool IsKey(ReadOnlySpan<char> key)
    {
        foreach (var c in key)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Shell-style word: quoted and unquoted parts concatenated; null when malformed or too long.</summary>
    private static string? Unquote(ReadOnlySpan<char> raw)
    {
        var value = new StringBuilder();
        var i = 0;
        while (i < raw.Length)
        {
            var c = raw[i];
            if (c == '"')
            {
                i++;
                while (i < raw.Length && raw[i] != '"')
                {
                    if (raw[i] == '\\' && i + 1 < raw.Length && raw[i + 1] is '$' or '"' or '\\' or '`')
                    {
                        i++;
                    }

                    value.Append(raw[i++]);
                }

                if (i >= raw.Length)
                {
                    return null; // unterminated quote
                }

                i++;
            }
            else if (c == '\'')
            {
                var close = raw[(i + 1)..].IndexOf('\'');
                if (close < 0)
                {
                    return null;
                }

                value.Append(raw.Slice(i + 1, close));
                i += close + 2;
            }
            else if (c == '\\' && i + 1 < raw.Length)
            {
                value.Append(raw[i + 1]);
                i += 2;
            }
            else if (char.IsWhiteSpace(c))
            {
                break; // end of the word; whatever follows is not part of the value
            }
            else
            {
                value.Append(c);
                i++;
            }

            if (value.Length > MaxValueLength)
            {
                return null;
            }
        }

        return value.ToString();
    }
}

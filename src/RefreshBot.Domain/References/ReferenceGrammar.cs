using System.Buffers;

namespace RefreshBot.Domain.References;

/// <summary>
/// Hand-written scanner for the distribution/reference grammar (no regular expressions, no
/// intermediate strings):
/// <code>
/// reference      := name [ ":" tag ] [ "@" digest ]
/// name           := [ domain-and-port "/" ] path-component ( "/" path-component )*
/// domain-and-port:= host [ ":" [0-9]+ ]
/// host           := domain-component ( "." domain-component )* | "[" [0-9a-fA-F:]+ "]"
/// domain-component := [a-zA-Z0-9] | [a-zA-Z0-9] [a-zA-Z0-9-]* [a-zA-Z0-9]
/// path-component := [a-z0-9]+ ( separator [a-z0-9]+ )*
/// separator      := "." | "_" | "__" | "-"+
/// tag            := [\w] [\w.-]{0,127}
/// </code>
/// </summary>
internal static class ReferenceGrammar
{
    /// <summary>Maximum length of the repository path (distribution/reference <c>NameTotalLengthMax</c>).</summary>
    public const int MaxPathLength = 255;

    public const int MaxTagLength = 128;

    private static readonly SearchValues<char> Ipv6Chars = SearchValues.Create("0123456789abcdefABCDEF:");

    /// <summary>Whole-span match of <c>domain-and-port</c>.</summary>
    public static bool IsDomainAndPort(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty)
        {
            return false;
        }

        int i;
        if (s[0] == '[')
        {
            var close = s.IndexOf(']');
            if (close < 2 || s[1..close].IndexOfAnyExcept(Ipv6Chars) >= 0)
            {
                return false;
            }

            i = close + 1;
        }
        else
        {
            i = 0;
            while (true)
            {
                var start = i;
                while (i < s.Length && (char.IsAsciiLetterOrDigit(s[i]) || s[i] == '-'))
                {
                    i++;
                }

                if (i == start || s[start] == '-' || s[i - 1] == '-')
                {
                    return false;
                }

                if (i < s.Length && s[i] == '.')
                {
                    i++;
                    continue;
                }

                break;
            }
        }

        if (i == s.Length)
        {
            return true;
        }

        if (s[i] != ':' || i + 1 == s.Length)
        {
            return false;
        }

        return s[(i + 1)..].IndexOfAnyExceptInRange('0', '9') < 0;
    }

    /// <summary>Whole-span match of <c>tag</c>.</summary>
    public static bool IsTag(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty || s.Length > MaxTagLength || !IsWordChar(s[0]))
        {
            return false;
        }

        foreach (var c in s[1..])
        {
            if (!IsWordChar(c) && c is not '.' and not '-')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Scans a repository path starting at <paramref name="start"/>; stops at the first character that
    /// cannot continue it (end, <c>:</c>, <c>@</c>, or an error). Returns false with a message when the
    /// path itself is malformed.
    /// </summary>
    public static bool TryScanPath(string s, int start, out int end, out string? error)
    {
        var i = start;
        while (true)
        {
            if (i >= s.Length || !IsLowerAlnum(s[i]))
            {
                end = i;
                error = UnexpectedInPath(s, i, "a path component must start with a lowercase letter or digit");
                return false;
            }

            while (true)
            {
                while (i < s.Length && IsLowerAlnum(s[i]))
                {
                    i++;
                }

                if (i < s.Length && s[i] is '.' or '_' or '-')
                {
                    var separator = s[i];
                    i++;
                    if (separator == '_' && i < s.Length && s[i] == '_')
                    {
                        i++;
                    }
                    else if (separator == '-')
                    {
                        while (i < s.Length && s[i] == '-')
                        {
                            i++;
                        }
                    }

                    if (i >= s.Length || !IsLowerAlnum(s[i]))
                    {
                        end = i;
                        error = UnexpectedInPath(s, i, "a separator ('.', '_', '__' or dashes) must be followed by a lowercase letter or digit");
                        return false;
                    }

                    continue;
                }

                break;
            }

            if (i < s.Length && s[i] == '/')
            {
                i++;
                continue;
            }

            end = i;
            error = null;
            return true;
        }
    }

    /// <summary>
    /// Parses <c>[:tag][@digest]</c> starting at <paramref name="start"/> (right after the path) to the end.
    /// </summary>
    public static bool TryParseSuffix(string s, int start, out string? tag, out Digest? digest, out string? error)
    {
        tag = null;
        digest = null;
        var i = start;
        if (i < s.Length && s[i] == ':')
        {
            var at = s.IndexOf('@', i + 1);
            var tagEnd = at < 0 ? s.Length : at;
            var tagSpan = s.AsSpan(i + 1, tagEnd - i - 1);
            if (!IsTag(tagSpan))
            {
                error = TagProblem(s, tagSpan, i + 1);
                return false;
            }

            tag = tagSpan.ToString();
            i = tagEnd;
        }

        if (i < s.Length && s[i] == '@')
        {
            if (!Digest.TryParse(s, i + 1, s.Length - i - 1, out var parsed, out var digestError))
            {
                error = $"{digestError} (after '@' at position {i + 1})";
                return false;
            }

            digest = parsed;
            i = s.Length;
        }

        if (i != s.Length)
        {
            error = UnexpectedInPath(s, i, "expected ':' tag, '@' digest or the end after the repository path");
            return false;
        }

        error = null;
        return true;
    }

    /// <summary>
    /// The strict, non-normalizing parse of distribution/reference <c>Parse</c>: the first component
    /// is the domain whenever it matches <c>domain-and-port</c> and more components follow.
    /// Domain is "" when absent.
    /// </summary>
    public static bool TryParseAsWritten(string s, out string domain, out string path, out string? tag, out Digest? digest, out string? error)
    {
        domain = "";
        path = "";
        tag = null;
        digest = null;
        if (s.Length == 0)
        {
            error = "repository name must have at least one component (the reference is empty)";
            return false;
        }

        var pathStart = 0;
        var slash = s.IndexOf('/');
        if (slash > 0 && IsDomainAndPort(s.AsSpan(0, slash)))
        {
            domain = s[..slash];
            pathStart = slash + 1;
        }

        if (!TryScanPath(s, pathStart, out var pathEnd, out error)
            || !TryParseSuffix(s, pathEnd, out tag, out digest, out error))
        {
            return false;
        }

        if (pathEnd - pathStart > MaxPathLength)
        {
            error = $"repository name must not be more than {MaxPathLength} characters (path is {pathEnd - pathStart})";
            return false;
        }

        path = s[pathStart..pathEnd];
        return true;
    }

    internal static bool IsLowerAlnum(char c) => c is >= 'a' and <= 'z' or >= '0' and <= '9';

    private static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    private static string UnexpectedInPath(string s, int i, string rule)
    {
        if (i >= s.Length)
        {
            return $"invalid reference format: unexpected end of input at position {i + 1}; {rule}";
        }

        var c = s[i];
        if (char.IsAsciiLetterUpper(c))
        {
            return $"repository name must be lowercase: found '{c}' at position {i + 1}";
        }

        return $"invalid reference format: unexpected '{c}' at position {i + 1}; {rule}";
    }

    private static string TagProblem(string s, ReadOnlySpan<char> tag, int tagStart)
    {
        if (tag.IsEmpty)
        {
            return $"invalid tag format: empty tag after ':' at position {tagStart}";
        }

        if (tag.Length > MaxTagLength)
        {
            return $"invalid tag format: tag is {tag.Length} characters, the limit is {MaxTagLength}";
        }

        if (!IsWordChar(tag[0]))
        {
            return $"invalid tag format: a tag must start with a letter, digit or '_', found '{tag[0]}' at position {tagStart + 1}";
        }

        for (var k = 1; k < tag.Length; k++)
        {
            if (!IsWordChar(tag[k]) && tag[k] is not '.' and not '-')
            {
                return $"invalid tag format: unexpected '{tag[k]}' at position {tagStart + k + 1} (allowed: letters, digits, '_', '.', '-')";
            }
        }

        return $"invalid tag format in \"{s}\"";
    }
}

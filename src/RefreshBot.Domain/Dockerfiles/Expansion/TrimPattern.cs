using System.Text;
using System.Text.RegularExpressions;

namespace RefreshBot.Domain.Dockerfiles.Expansion;

/// <summary>Shell <c>${VAR#pat}</c>, <c>${VAR##pat}</c>, <c>${VAR%pat}</c>, <c>${VAR%%pat}</c> with <c>*</c> and <c>?</c> wildcards.</summary>
internal static class TrimPattern
{
    /// <summary>Longest value the pattern operators work on (keeps the quadratic suffix search bounded).</summary>
    public const int MaxValueLength = 4096;

    public static string TrimPrefix(string value, string pattern, bool longest)
    {
        var regex = Compile(pattern);
        var lengths = Enumerable.Range(0, value.Length + 1);
        foreach (var length in longest ? lengths.Reverse() : lengths)
        {
            if (regex.IsMatch(value.AsSpan(0, length)))
            {
                return value[length..];
            }
        }

        return value;
    }

    public static string TrimSuffix(string value, string pattern, bool longest)
    {
        var regex = Compile(pattern);
        var starts = Enumerable.Range(0, value.Length + 1);
        foreach (var start in longest ? starts : starts.Reverse())
        {
            if (regex.IsMatch(value.AsSpan(start)))
            {
                return value[..start];
            }
        }

        return value;
    }

    private static Regex Compile(string pattern)
    {
        var builder = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var ch = pattern[i];
            switch (ch)
            {
                case '*':
                    builder.Append(".*");
                    break;
                case '?':
                    builder.Append('.');
                    break;
                case '\\' when i + 1 < pattern.Length:
                    builder.Append(Regex.Escape(pattern[++i].ToString()));
                    break;
                default:
                    builder.Append(Regex.Escape(ch.ToString()));
                    break;
            }
        }

        return new Regex(builder.Append('$').ToString(), RegexOptions.Singleline | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(200));
    }
}

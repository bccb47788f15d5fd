using System.Text;
using System.Text.RegularExpressions;

namespace RefreshBot.Adapters.FileSystem;

/// <summary>
/// The patterns of one <c>.gitignore</c> file, matched the way git matches them (gitignore(5)):
/// blank lines and <c>#</c> comments, <c>!</c> negation, a trailing <c>/</c> for directories only,
/// a leading or middle <c>/</c> anchoring the pattern to the file's folder, <c>*</c>, <c>?</c>,
/// <c>[...]</c> classes and <c>**</c> (leading <c>**/</c>, trailing <c>/**</c>, middle <c>/**/</c>), <c>\</c> escapes.
/// Limits: no <c>.git/info/exclude</c> or global excludes file, matching is case-sensitive
/// (git's default on Linux), trailing spaces are trimmed unless the last one is escaped.
/// </summary>
internal sealed class GitIgnoreRules
{
    private readonly IReadOnlyList<Rule> _rules;

    private GitIgnoreRules(string folder, IReadOnlyList<Rule> rules)
    {
        Folder = folder;
        _rules = rules;
    }

    /// <summary>The folder holding the <c>.gitignore</c>, relative to the root, forward slashes, "" for the root.</summary>
    public string Folder { get; }

    public static GitIgnoreRules Parse(string folder, string text)
    {
        var rules = new List<Rule>();
        foreach (var rawLine in text.Split('\n'))
        {
            if (TryParseRule(rawLine.TrimEnd('\r'), out var rule))
            {
                rules.Add(rule);
            }
        }

        return new GitIgnoreRules(folder, rules);
    }

    /// <summary>
    /// The verdict of the last matching pattern for <paramref name="relativePath"/> (relative to the root):
    /// true = ignored, false = re-included by a <c>!</c> pattern, null = no pattern matched.
    /// </summary>
    public bool? Match(string relativePath, bool isDirectory)
    {
        string pathInFolder;
        if (Folder.Length == 0)
        {
            pathInFolder = relativePath;
        }
        else if (relativePath.StartsWith(Folder + "/", StringComparison.Ordinal))
        {
            pathInFolder = relativePath[(Folder.Length + 1)..];
        }
        else
        {
            return null;
        }

        var name = pathInFolder[(pathInFolder.LastIndexOf('/') + 1)..];
        for (var i = _rules.Count - 1; i >= 0; i--)
        {
            var rule = _rules[i];
            if (rule.DirectoryOnly && !isDirectory)
            {
                continue;
            }

            if (rule.Pattern.IsMatch(rule.Anchored ? pathInFolder : name))
            {
                return !rule.Negated;
            }
        }

        return null;
    }

    private static bool TryParseRule(string line, out Rule rule)
    {
        rule = default;
        line = TrimTrailingSpaces(line);
        if (line.Length == 0 || line[0] == '#')
        {
            return false;
        }

        var negated = false;
        if (line[0] == '!')
        {
            negated = true;
            line = line[1..];
        }

        var directoryOnly = false;
        if (line.EndsWith('/'))
        {
            directoryOnly = true;
            line = line.TrimEnd('/');
        }

        if (line.Length == 0)
        {
            return false;
        }

        var anchored = line.Contains('/');
        if (line[0] == '/')
        {
            line = line[1..];
        }

        rule = new Rule(ToRegex(line), negated, directoryOnly, anchored);
        return true;
    }

    private static string TrimTrailingSpaces(string line)
    {
        var end = line.Length;
        while (end > 0 && line[end - 1] == ' ' && !(end > 1 && line[end - 2] == '\\'))
        {
            end--;
        }

        return line[..end];
    }

    private static Regex ToRegex(string pattern)
    {
        var regex = new StringBuilder("^");
        var i = 0;
        if (pattern.StartsWith("**/", StringComparison.Ordinal))
        {
            regex.Append("(?:.*/)?");
            i = 3;
        }

        while (i < pattern.Length)
        {
            var c = pattern[i];
            if (c == '/' && string.CompareOrdinal(pattern, i, "/**/", 0, 4) == 0)
            {
                regex.Append("/(?:.*/)?");
                i += 4;
            }
            else if (c == '/' && i + 3 == pattern.Length && pattern.EndsWith("/**", StringComparison.Ordinal))
            {
                regex.Append("/.*");
                i += 3;
            }
            else if (c == '*')
            {
                regex.Append("[^/]*");
                while (i < pattern.Length && pattern[i] == '*')
                {
                    i++;
                }
            }
            else if (c == '?')
            {
                regex.Append("[^/]");
                i++;
            }
            else if (c == '[' && TryReadClass(pattern, i, out var cls, out var next))
            {
                regex.Append(cls);
                i = next;
            }
            else if (c == '\\' && i + 1 < pattern.Length)
            {
                regex.Append(Regex.Escape(pattern[i + 1].ToString()));
                i += 2;
            }
            else
            {
                regex.Append(Regex.Escape(c.ToString()));
                i++;
            }
        }

        regex.Append('$');
        return new Regex(regex.ToString(), RegexOptions.CultureInvariant | RegexOptions.Singleline);
    }

    private static bool TryReadClass(string pattern, int start, out string cls, out int next)
    {
        cls = "";
        next = start;
        var i = start + 1;
        var builder = new StringBuilder("[");
        if (i < pattern.Length && (pattern[i] == '!' || pattern[i] == '^'))
        {
            builder.Append('^');
            i++;
        }

        var first = true;
        while (i < pattern.Length && (pattern[i] != ']' || first))
        {
            var c = pattern[i];
            builder.Append(c is '\\' or '[' or ']' or '^' ? "\\" + c : c.ToString());
            first = false;
            i++;
        }

        if (i >= pattern.Length)
        {
            return false;
        }

        builder.Append(']');
        cls = builder.ToString();
        next = i + 1;
        return true;
    }

    private readonly record struct Rule(Regex Pattern, bool Negated, bool DirectoryOnly, bool Anchored);
}

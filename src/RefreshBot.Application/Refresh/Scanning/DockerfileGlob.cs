using System.Text;
using System.Text.RegularExpressions;

namespace RefreshBot.Application.Refresh.Scanning;

/// <summary>
/// A repository-relative path glob: <c>**</c> any number of folders, <c>*</c> any characters but <c>/</c>,
/// <c>?</c> one character but <c>/</c>; everything else literal. Matched against forward-slash paths, ordinal.
/// </summary>
public sealed class DockerfileGlob
{
    private readonly Regex _regex;

    private DockerfileGlob(string pattern, Regex regex)
    {
        Pattern = pattern;
        _regex = regex;
    }

    public string Pattern { get; }

    public static DockerfileGlob Parse(string pattern)
    {
        var text = pattern.Replace('\\', '/').TrimStart('/');
        if (text.StartsWith("./", StringComparison.Ordinal))
        {
            text = text[2..];
        }

        var regex = new StringBuilder("^");
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '*' && i + 1 < text.Length && text[i + 1] == '*')
            {
                var slashAfter = i + 2 < text.Length && text[i + 2] == '/';
                regex.Append(slashAfter ? "(?:.*/)?" : ".*");
                i += slashAfter ? 2 : 1;
            }
            else if (c == '*')
            {
                regex.Append("[^/]*");
            }
            else if (c == '?')
            {
                regex.Append("[^/]");
            }
            else
            {
                regex.Append(Regex.Escape(c.ToString()));
            }
        }

        regex.Append('$');
        return new DockerfileGlob(pattern, new Regex(regex.ToString(), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)));
    }

    public bool Matches(string relativePath) => _regex.IsMatch(relativePath);
}

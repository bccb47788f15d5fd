using System.Text;

namespace RefreshBot.Domain.Proposals;

/// <summary>Markdown (GitHub flavoured) for untrusted text: paths and names may hold <c>|</c>, backticks, newlines, HTML.</summary>
internal static class MarkdownText
{
    /// <summary>An inline code span safe inside a table cell: fence longer than any backtick run, <c>|</c> escaped, one line.</summary>
    public static string Code(string text)
    {
        var line = OneLine(text);
        var longest = 0;
        var run = 0;
        foreach (var c in line)
        {
            run = c == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        var fence = new string('`', longest + 1);
        var pad = line.StartsWith('`') || line.EndsWith('`') || (line.Length > 0 && line.Trim().Length == 0) ? " " : "";
        return fence + pad + line.Replace("|", "\\|", StringComparison.Ordinal) + pad + fence;
    }

    /// <summary>Plain inline text (never at the start of a line) with the characters that mean something inline backslash-escaped, one line.</summary>
    public static string Plain(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in OneLine(text))
        {
            if (c is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '|' or '~' or '&' or '$' or '#')
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>Control characters (newlines included) become spaces: one table row stays one line.</summary>
    public static string OneLine(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(char.IsControl(c) ? ' ' : c);
        }

        return builder.ToString();
    }
}

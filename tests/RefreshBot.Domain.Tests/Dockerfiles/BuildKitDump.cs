using System.Globalization;
using System.Text;
using RefreshBot.Domain.Dockerfiles.Parsing;

namespace RefreshBot.Domain.Tests.Dockerfiles;

/// <summary>Prints our AST in the shape of BuildKit's <c>Node.Dump()</c> so its testfiles' <c>result</c> files are golden output.</summary>
internal static class BuildKitDump
{
    public static string Dump(DockerfileSyntax syntax)
    {
        var builder = new StringBuilder();
        foreach (var instruction in syntax.Instructions)
        {
            builder.Append('(').Append(Body(instruction.Body)).Append(")\n");
        }

        return builder.ToString();
    }

    private static string Body(InstructionBody body)
    {
        var builder = new StringBuilder(body.Keyword.ToLowerInvariant());
        if (body.Flags.Count > 0)
        {
            builder.Append(" [").Append(string.Join(' ', body.Flags.Select(f => Quote(f.Raw)))).Append(']');
        }

        if (body.Trigger is not null)
        {
            builder.Append(" (").Append(Body(body.Trigger)).Append(')');
        }

        foreach (var value in body.Values)
        {
            builder.Append(' ').Append(Quote(value));
        }

        return builder.ToString().Trim();
    }

    /// <summary>Go's <c>strconv.Quote</c>.</summary>
    public static string Quote(string value)
    {
        var builder = new StringBuilder("\"");
        foreach (var rune in value.EnumerateRunes())
        {
            switch (rune.Value)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\a': builder.Append("\\a"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\v': builder.Append("\\v"); break;
                default:
                    if (rune.Value < 0x20 || rune.Value == 0x7f)
                    {
                        builder.Append("\\x").Append(rune.Value.ToString("x2", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(rune.ToString());
                    }

                    break;
            }
        }

        return builder.Append('"').ToString();
    }
}

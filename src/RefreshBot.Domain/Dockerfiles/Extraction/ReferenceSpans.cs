using RefreshBot.Domain.Dockerfiles.Parsing;

namespace RefreshBot.Domain.Dockerfiles.Extraction;

/// <summary>
/// Where a reference's text sits in the source: the literal token, the one ARG default it came from,
/// or one span per contributing piece for composites (<c>node:${TAG}</c>). Empty when the text cannot be
/// located exactly (build-arg override, quotes/escapes, <c>${X:-default}</c> forms, pieces split over lines).
/// </summary>
internal static class ReferenceSpans
{
    public readonly record struct Location(int Line, IReadOnlyList<SourceSpan> Spans, string? ArgName);

    private readonly record struct Part(int Start, int Length, string? Variable, bool Simple);

    public static Location Locate(Instruction instruction, int rawStart, string raw, char escape, IReadOnlyDictionary<string, ArgValue> args)
    {
        var logical = instruction.Logical;
        var tokenLine = logical.LineOf(rawStart);
        var parts = Split(raw, escape);
        if (parts is null)
        {
            return new Location(tokenLine, [], null);
        }

        if (parts.Count == 1 && parts[0].Variable is null)
        {
            return new Location(tokenLine, logical.MapSpans(rawStart, raw.Length), null);
        }

        if (parts.Count == 1 && parts[0].Simple && args.TryGetValue(parts[0].Variable!, out var whole))
        {
            var spans = !whole.FromBuildArg && whole.DefaultSpan is { } span ? new[] { span } : [];
            return new Location(whole.Line, spans, whole.Name);
        }

        var result = new List<SourceSpan>();
        foreach (var part in parts)
        {
            if (part.Variable is null)
            {
                var mapped = logical.MapSpans(rawStart + part.Start, part.Length);
                if (mapped.Count != 1)
                {
                    return new Location(instruction.StartLine, [], null);
                }

                result.Add(mapped[0]);
                continue;
            }

            if (!part.Simple || !args.TryGetValue(part.Variable, out var arg) || arg.FromBuildArg || arg.DefaultSpan is not { } argSpan)
            {
                return new Location(instruction.StartLine, [], null);
            }

            if (argSpan.Length > 0)
            {
                result.Add(argSpan);
            }
        }

        return new Location(instruction.StartLine, result, null);
    }

    /// <summary>Literal runs and <c>$NAME</c>/<c>${NAME}</c> references; null when quotes or escapes make the raw text differ from its value.</summary>
    private static List<Part>? Split(string raw, char escape)
    {
        var parts = new List<Part>();
        var literalStart = 0;
        var i = 0;
        while (i < raw.Length)
        {
            var ch = raw[i];
            if (ch == '\'' || ch == '"' || ch == escape)
            {
                return null;
            }

            if (ch != '$')
            {
                i++;
                continue;
            }

            if (i > literalStart)
            {
                parts.Add(new Part(literalStart, i - literalStart, null, true));
            }

            var start = i++;
            var braced = i < raw.Length && raw[i] == '{';
            if (braced)
            {
                i++;
            }

            var nameStart = i;
            while (i < raw.Length && (char.IsLetterOrDigit(raw[i]) || raw[i] == '_'))
            {
                i++;
            }

            var name = raw[nameStart..i];
            var simple = name.Length > 0;
            if (braced)
            {
                if (i < raw.Length && raw[i] == '}')
                {
                    i++;
                }
                else
                {
                    simple = false;
                    var close = raw.IndexOf('}', i);
                    i = close < 0 ? raw.Length : close + 1;
                }
            }

            if (name.Length == 0 && !braced)
            {
                parts.Add(new Part(start, 1, null, true));
            }
            else
            {
                parts.Add(new Part(start, i - start, name, simple));
            }

            literalStart = i;
        }

        if (i > literalStart)
        {
            parts.Add(new Part(literalStart, i - literalStart, null, true));
        }

        return parts;
    }
}

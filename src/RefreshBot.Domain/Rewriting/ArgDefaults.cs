using System.Text.RegularExpressions;
using RefreshBot.Domain.Dockerfiles;
using RefreshBot.Domain.Dockerfiles.Parsing;

namespace RefreshBot.Domain.Rewriting;

/// <summary>
/// The global ARG defaults of a Dockerfile and who reads them: an edit inside a default changes every
/// reader, so the rewriter only makes it when every reader is an image reference getting the very same edit.
/// </summary>
internal sealed class ArgDefaults
{
    private readonly DockerfileSyntax _syntax;
    private readonly List<Default> _defaults = [];
    private readonly List<(string Name, int Line)> _stageDeclarations = [];

    public readonly record struct Default(string Name, int Line, SourceSpan Word);

    private ArgDefaults(DockerfileSyntax syntax)
    {
        _syntax = syntax;
        var seenFrom = false;
        foreach (var instruction in syntax.Instructions)
        {
            if (instruction.Name == "FROM")
            {
                seenFrom = true;
                continue;
            }

            if (instruction.Name != "ARG")
            {
                continue;
            }

            var body = instruction.Body;
            foreach (var word in ShellWords.Split(body.ArgumentsText, body.ArgumentsStart, syntax.EscapeToken))
            {
                var raw = instruction.Logical.Text[word.Start..word.End];
                var eq = raw.IndexOf('=', StringComparison.Ordinal);
                var name = eq < 0 ? raw : raw[..eq];
                var line = instruction.Logical.LineOf(word.Start);
                if (seenFrom)
                {
                    _stageDeclarations.Add((name, line));
                    continue;
                }

                foreach (var span in instruction.Logical.MapSpans(word.Start, word.End - word.Start))
                {
                    _defaults.Add(new Default(name, line, span));
                }
            }
        }
    }

    public static ArgDefaults Of(string text) => new(DockerfileParser.Parse(string.Empty, text));

    /// <summary>The global ARG whose declaration holds <paramref name="piece"/>, if any.</summary>
    public Default? Owning(SourceSpan piece)
    {
        foreach (var candidate in _defaults)
        {
            if (piece.Start >= candidate.Word.Start && piece.End <= candidate.Word.End)
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Lines of stage-scoped <c>ARG name</c> declarations: they hand the global value to RUN commands of that stage.</summary>
    public IReadOnlyList<int> StageDeclarations(string name)
        => _stageDeclarations.Where(d => d.Name == name).Select(d => d.Line).ToList();

    /// <summary>How many times instructions mention <c>$name</c> or <c>${name…}</c>, and on which lines.</summary>
    public (int Count, IReadOnlyList<int> Lines) Mentions(string name)
    {
        var pattern = new Regex(@"\$\{?" + Regex.Escape(name) + "(?![A-Za-z0-9_])", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        var count = 0;
        var lines = new List<int>();
        foreach (var instruction in _syntax.Instructions)
        {
            var found = pattern.Matches(_syntax.Text.Substring(instruction.Span.Start, instruction.Span.Length)).Count;
            if (found > 0)
            {
                count += found;
                lines.Add(instruction.StartLine);
            }
        }

        return (count, lines);
    }
}

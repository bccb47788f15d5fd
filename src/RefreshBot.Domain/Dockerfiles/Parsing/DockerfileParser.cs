namespace RefreshBot.Domain.Dockerfiles.Parsing;

/// <summary>
/// BuildKit-compatible Dockerfile parser that keeps the original text: parser directives, comments,
/// line continuations (with comment and blank lines inside), heredocs, JSON vs shell form, flags.
/// Never throws on malformed input; problems become <see cref="DockerfileDiagnostic"/>s.
/// </summary>
public static class DockerfileParser
{
    /// <summary>BuildKit rejects lines longer than this many bytes.</summary>
    public const int MaxLineLength = 65535;

    public static DockerfileSyntax Parse(string path, string text)
    {
        text ??= string.Empty;
        var state = new ParseState(path, text);
        state.Run();
        return new DockerfileSyntax(path, state.Text, state.Escape, state.Directives, state.Segments, state.Instructions, state.Diagnostics);
    }

    private sealed class ParseState(string path, string text)
    {
        private readonly List<SourceLine> _lines = SourceLine.Split(text);
        private readonly System.Text.StringBuilder _logical = new();
        private bool _directivesDone;

        public string Text { get; } = text;
        public char Escape { get; private set; } = '\\';
        public List<ParserDirective> Directives { get; } = [];
        public List<SyntaxSegment> Segments { get; } = [];
        public List<Instruction> Instructions { get; } = [];
        public List<DockerfileDiagnostic> Diagnostics { get; } = [];

        public void Run()
        {
            Segments.EnsureCapacity(_lines.Count); // at most one segment per line: no regrowth
            var index = 0;
            while (index < _lines.Count)
            {
                index = ReadAt(index);
            }

            if (Instructions.Count == 0)
            {
                Diagnostics.Add(new DockerfileDiagnostic(path, Math.Max(1, _lines.Count), "file with no instructions"));
            }
        }

        private int ReadAt(int index)
        {
            var line = _lines[index];
            var contentStart = line.Start;
            if (index == 0 && line.ContentLength > 0 && Text[0] == '\uFEFF')
            {
                contentStart++;
            }

            if (line.ContentLength > MaxLineLength)
            {
                Diagnostics.Add(new DockerfileDiagnostic(path, line.Number, $"dockerfile line greater than max allowed size of {MaxLineLength}"));
            }

            var trimmedStart = contentStart;
            while (trimmedStart < line.ContentEnd && char.IsWhiteSpace(Text[trimmedStart]))
            {
                trimmedStart++;
            }

            var trimmed = Text.AsSpan(trimmedStart, line.ContentEnd - trimmedStart);
            if (!_directivesDone)
            {
                if (DirectiveReader.TryRead(trimmed, trimmedStart, line.Number, out var directive) && directive is not null)
                {
                    AddDirective(directive);
                    AddSegment(SegmentKind.Directive, index, index);
                    return index + 1;
                }

                _directivesDone = true;
            }

            if (trimmed.Length > 0 && trimmed[0] == '#')
            {
                AddSegment(SegmentKind.Comment, index, index);
                return index + 1;
            }

            if (trimmed.Length == 0)
            {
                AddSegment(SegmentKind.Blank, index, index);
                return index + 1;
            }

            return ReadInstruction(index, trimmedStart);
        }

        private void AddDirective(ParserDirective directive)
        {
            if (Directives.Exists(d => d.Name == directive.Name))
            {
                Diagnostics.Add(new DockerfileDiagnostic(path, directive.Line, $"only one {directive.Name} parser directive can be used"));
                return;
            }

            Directives.Add(directive);
            if (directive.Name == "escape")
            {
                if (directive.Value is "\\" or "`")
                {
                    Escape = directive.Value[0];
                }
                else
                {
                    Diagnostics.Add(new DockerfileDiagnostic(path, directive.Line, $"invalid escape token '{directive.Value}' does not match ` or \\"));
                }
            }
        }

        private int ReadInstruction(int firstIndex, int firstContentStart)
        {
            var first = _lines[firstIndex];
            var continues = TrimContinuation(firstContentStart, first.ContentEnd, out var length);
            var pieces = new List<LogicalPiece>(continues ? 4 : 1) { new(0, firstContentStart, length, first.Number) };
            var logicalLength = length;

            var index = firstIndex;
            var emptyContinuation = false;
            while (continues && index + 1 < _lines.Count)
            {
                index++;
                var line = _lines[index];
                var lineText = Text.AsSpan(line.Start, line.ContentLength);
                var trimmed = lineText.TrimStart();
                if (trimmed.Length > 0 && trimmed[0] == '#')
                {
                    continue;
                }

                if (trimmed.IsEmpty)
                {
                    emptyContinuation = true;
                    continue;
                }

                continues = TrimContinuation(line.Start, line.ContentEnd, out length);
                pieces.Add(new LogicalPiece(logicalLength, line.Start, length, line.Number));
                logicalLength += length;
            }

            var logicalLine = new LogicalLine(JoinPieces(pieces, logicalLength), pieces);
            var body = InstructionReader.Read(logicalLine.Text, 0, Escape, out var error);
            if (emptyContinuation)
            {
                Diagnostics.Add(new DockerfileDiagnostic(path, first.Number, "empty continuation line (will become an error in a future BuildKit release)", DiagnosticSeverity.Warning));
            }

            if (error is not null)
            {
                Diagnostics.Add(new DockerfileDiagnostic(path, first.Number, error));
            }

            InstructionRules.Check(body, path, first.Number, Diagnostics);
            List<Heredoc>? heredocs = null;
            index = ReadHeredocs(body, logicalLine.Text, index, first.Number, ref heredocs);
            var last = _lines[index];
            Instructions.Add(new Instruction(body, logicalLine, first.Number, last.Number, new SourceSpan(first.Start, last.End - first.Start), heredocs ?? (IReadOnlyList<Heredoc>)[]));
            AddSegment(SegmentKind.Instruction, firstIndex, index);
            return index + 1;
        }

        private int ReadHeredocs(InstructionBody body, string logical, int index, int startLine, ref List<Heredoc>? heredocs)
        {
            var target = body.Name == "ONBUILD" && body.Trigger is not null ? body.Trigger : body;
            if (target.Name is not ("RUN" or "COPY" or "ADD") || target.IsJson)
            {
                return index;
            }

            foreach (var marker in HeredocMarkers.Find(logical))
            {
                var content = new System.Text.StringBuilder();
                var firstBody = index + 2;
                var terminated = false;
                while (index + 1 < _lines.Count)
                {
                    index++;
                    var line = _lines[index];
                    var candidate = Text.AsSpan(line.Start, line.ContentLength);
                    if (marker.Chomp)
                    {
                        candidate = candidate.TrimStart('\t');
                    }

                    if (candidate.SequenceEqual(marker.Name))
                    {
                        terminated = true;
                        break;
                    }

                    content.Append(Text, line.Start, line.End - line.Start);
                }

                if (!terminated)
                {
                    Diagnostics.Add(new DockerfileDiagnostic(path, startLine, $"unterminated heredoc {marker.Name}"));
                    (heredocs ??= []).Add(new Heredoc(marker.Name, marker.Chomp, marker.Expand, content.ToString(), firstBody, -1));
                    return index;
                }

                (heredocs ??= []).Add(new Heredoc(marker.Name, marker.Chomp, marker.Expand, content.ToString(), firstBody, _lines[index].Number));
            }

            return index;
        }

        /// <summary>The logical text: one substring for a single piece, else the pieces joined in a reused builder.</summary>
        private string JoinPieces(List<LogicalPiece> pieces, int length)
        {
            if (pieces.Count == 1)
            {
                return Text.Substring(pieces[0].SourceStart, pieces[0].Length);
            }

            _logical.Clear();
            _logical.EnsureCapacity(length);
            foreach (var piece in pieces)
            {
                _logical.Append(Text, piece.SourceStart, piece.Length);
            }

            return _logical.ToString();
        }

        /// <summary>BuildKit's <c>([^E])E[ \t]*$|^E[ \t]*$</c>: a trailing escape token not itself escaped.</summary>
        private bool TrimContinuation(int start, int end, out int length)
        {
            var last = end;
            while (last > start && Text[last - 1] is ' ' or '\t')
            {
                last--;
            }

            if (last > start && Text[last - 1] == Escape)
            {
                var escapeAt = last - 1;
                if (escapeAt == start || Text[escapeAt - 1] != Escape)
                {
                    length = escapeAt - start;
                    return true;
                }
            }

            length = end - start;
            return false;
        }

        private void AddSegment(SegmentKind kind, int firstIndex, int lastIndex)
        {
            var first = _lines[firstIndex];
            var last = _lines[lastIndex];
            Segments.Add(new SyntaxSegment(kind, new SourceSpan(first.Start, last.End - first.Start), first.Number, last.Number));
        }
    }
}

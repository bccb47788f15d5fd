using RefreshBot.Domain.Dockerfiles.Expansion;
using RefreshBot.Domain.Dockerfiles.Parsing;

namespace RefreshBot.Domain.Dockerfiles.Extraction;

/// <summary>
/// Walks a parsed Dockerfile and lists every image it uses (FROM, <c>COPY --from=</c>, <c>RUN --mount=...,from=</c>)
/// with BuildKit's ARG semantics: only global ARGs (declared before the first FROM, overridden by build args)
/// expand in FROM and in <c>--from</c>/<c>from=</c>. Stage references and <c>scratch</c> are not images.
/// </summary>
public static partial class ImageExtractor
{
    [System.Text.RegularExpressions.GeneratedRegex(@"\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*")]
    private static partial System.Text.RegularExpressions.Regex VariableReference();

    private static readonly IReadOnlyDictionary<string, string> NoBuildArgs = new Dictionary<string, string>();

    public static DockerfileImageReport Extract(DockerfileSyntax syntax, IReadOnlyDictionary<string, string>? buildArgs)
    {
        var walk = new Walk(syntax, buildArgs ?? NoBuildArgs);
        walk.Run();
        var diagnostics = new List<DockerfileDiagnostic>(syntax.Diagnostics);
        diagnostics.AddRange(walk.Diagnostics);
        return new DockerfileImageReport(syntax.Path, walk.Images, diagnostics);
    }

    private sealed class Walk(DockerfileSyntax syntax, IReadOnlyDictionary<string, string> buildArgs)
    {
        private readonly Dictionary<string, ArgValue> _globals = new(StringComparer.Ordinal);
        private readonly List<string?> _stageNames = [];
        private readonly HashSet<string> _allStageNames = new(StringComparer.OrdinalIgnoreCase);
        private string? _stage;
        private string? _stagePlatform;
        private ShellWordExpander? _expander;

        public List<ImageUsage> Images { get; } = [];
        public List<DockerfileDiagnostic> Diagnostics { get; } = [];

        public void Run()
        {
            foreach (var instruction in syntax.Instructions)
            {
                if (instruction.Name == "FROM" && instruction.Body.Values.Count == 3)
                {
                    _allStageNames.Add(instruction.Body.Values[2]);
                }
            }

            var seenFrom = false;
            foreach (var instruction in syntax.Instructions)
            {
                switch (instruction.Name)
                {
                    case "ARG" when !seenFrom:
                        DeclareGlobals(instruction);
                        break;
                    case "FROM":
                        seenFrom = true;
                        From(instruction);
                        break;
                    case "COPY":
                        if (instruction.Body.Flag("from") is { Value: not null } from)
                        {
                            FromFlag(instruction, from.Value, from.ValueStart, from.ValueLength, ImageInstruction.CopyFrom);
                        }

                        break;
                    case "RUN":
                        Mounts(instruction);
                        break;
                }
            }
        }

        private void DeclareGlobals(Instruction instruction)
        {
            var body = instruction.Body;
            foreach (var word in ShellWords.Split(body.ArgumentsText, body.ArgumentsStart, syntax.EscapeToken))
            {
                var raw = instruction.Logical.Text[word.Start..word.End];
                var eq = raw.IndexOf('=', StringComparison.Ordinal);
                var name = eq < 0 ? raw : raw[..eq];
                var line = instruction.Logical.LineOf(word.Start);
                if (buildArgs.TryGetValue(name, out var overridden))
                {
                    _globals[name] = new ArgValue(name, overridden, line, null, true);
                    continue;
                }

                if (eq < 0)
                {
                    _globals[name] = new ArgValue(name, null, line, null, false);
                    continue;
                }

                var rawValue = raw[(eq + 1)..];
                var expanded = Expander().Expand(rawValue);
                if (!expanded.Succeeded)
                {
                    Diagnostics.Add(new DockerfileDiagnostic(syntax.Path, line, $"ARG {name}: {expanded.Error}; treated as unset", DiagnosticSeverity.Warning));
                    _globals[name] = new ArgValue(name, null, line, null, false);
                    continue;
                }

                _globals[name] = new ArgValue(name, expanded.Value, line, DefaultSpan(instruction, word.Start + eq + 1, rawValue, expanded.Value), false);
            }
        }

        private static SourceSpan? DefaultSpan(Instruction instruction, int start, string raw, string value)
        {
            if (raw == value)
            {
                return Single(instruction.Logical.MapSpans(start, raw.Length));
            }

            if (raw.Length >= 2 && raw[0] == raw[^1] && raw[0] is '"' or '\'' && raw[1..^1] == value)
            {
                return Single(instruction.Logical.MapSpans(start + 1, value.Length));
            }

            return null;
        }

        /// <summary>A default split over several lines cannot be rewritten as one span.</summary>
        private static SourceSpan? Single(IReadOnlyList<SourceSpan> spans) => spans.Count == 1 ? spans[0] : null;

        /// <summary>One expander per walk: it reads the globals as they are when it runs, and resets its state per word.</summary>
        private ShellWordExpander Expander()
            => _expander ??= new(syntax.EscapeToken, name => _globals.TryGetValue(name, out var arg) ? arg.Value : null);

        private void From(Instruction instruction)
        {
            var body = instruction.Body;
            _stage = body.Values.Count == 3 ? body.Values[2] : null;
            _stagePlatform = null;
            if (body.Flag("platform") is { Value: { } platform })
            {
                var expanded = Expander().Expand(platform);
                _stagePlatform = expanded.Succeeded && expanded.Unset.Count == 0 && expanded.Value.Length > 0 ? expanded.Value : null;
            }

            if (body.Values.Count == 0)
            {
                _stageNames.Add(_stage);
                return;
            }

            var token = InstructionReader.WhitespaceTokens(body.ArgumentsText, body.ArgumentsStart)[0];
            // Expanded once, not once per earlier stage (fuzzing: thousands of stages took quadratic expansions).
            var resolved = Resolve(token.Text).Value;
            var earlier = NamesEarlierStage(resolved, _stageNames.Count);
            _stageNames.Add(_stage);
            Emit(instruction, token.Text, token.Start, token.Length, ImageInstruction.From, isStage: earlier);
        }

        private void FromFlag(Instruction instruction, string value, int rawStart, int rawLength, ImageInstruction kind)
        {
            if (int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index))
            {
                if (index >= _stageNames.Count)
                {
                    Diagnostics.Add(new DockerfileDiagnostic(syntax.Path, instruction.StartLine, $"invalid from value {index}: refers to current or future build stage"));
                }

                return;
            }

            var isStage = _allStageNames.Contains(value);
            if (rawStart >= 0 && !instruction.Logical.Text.AsSpan(rawStart, rawLength).SequenceEqual(value))
            {
                rawStart = -1;
            }

            Emit(instruction, value, rawStart, value.Length, kind, isStage);
        }

        private void Mounts(Instruction instruction)
        {
            foreach (var flag in instruction.Body.Flags)
            {
                if (!string.Equals(flag.Name, "mount", StringComparison.OrdinalIgnoreCase) || flag.Value is null)
                {
                    continue;
                }

                if (MountFromField.Find(flag.Value) is not { } from || from.Value.Length == 0)
                {
                    continue;
                }

                var rawIsValue = flag.ValueStart >= 0 && instruction.Logical.Text.AsSpan(flag.ValueStart, flag.ValueLength).SequenceEqual(flag.Value);
                FromFlag(instruction, from.Value, rawIsValue && from.Literal ? flag.ValueStart + from.Offset : -1, from.Value.Length, ImageInstruction.RunMountFrom);
            }
        }

        private ExpansionResult Resolve(string raw) => Expander().Expand(raw);

        private void Emit(Instruction instruction, string raw, int rawStart, int rawLength, ImageInstruction kind, bool isStage)
        {
            var expanded = Resolve(raw);
            var location = rawStart >= 0
                ? ReferenceSpans.Locate(instruction, rawStart, raw, syntax.EscapeToken, _globals)
                : new ReferenceSpans.Location(instruction.StartLine, [], null);
            var stage = _stage;
            string? reason = null;
            if (!expanded.Succeeded)
            {
                reason = expanded.Error;
            }
            else if (expanded.Unset.Count > 0 && MatchesStageWithAnyValue(raw))
            {
                return;
            }
            else if (expanded.Unset.Count > 0)
            {
                reason = UnsetReason(expanded.Unset.Order(StringComparer.Ordinal).First(), kind);
            }
            else if (expanded.Value.Length == 0)
            {
                reason = $"'{raw}' expands to an empty string";
            }
            else if (isStage || (kind != ImageInstruction.From && _allStageNames.Contains(expanded.Value)))
            {
                return;
            }
            else if (kind == ImageInstruction.From && NamesEarlierStage(expanded.Value, _stageNames.Count - 1))
            {
                return;
            }
            else if (string.Equals(expanded.Value, "scratch", StringComparison.OrdinalIgnoreCase))
            {
                return;
            }

            var spans = location.Spans;
            if (reason is null && raw.Contains('$', StringComparison.Ordinal) && !SpansRebuildValue(spans, expanded.Value))
            {
                spans = [];
            }

            Images.Add(new ImageUsage(location.Line, kind, stage, reason is null ? expanded.Value : null, _stagePlatform, spans, location.ArgName, reason));
        }

        /// <summary>True when one of the first <paramref name="count"/> stages is named <paramref name="name"/> (case-insensitive).</summary>
        private bool NamesEarlierStage(string name, int count)
        {
            for (var i = 0; i < count; i++)
            {
                if (_stageNames[i] is { } stage && string.Equals(stage, name, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>True when the spans' source text, concatenated, is exactly <paramref name="value"/> (compared in place).</summary>
        private bool SpansRebuildValue(IReadOnlyList<SourceSpan> spans, string value)
        {
            var offset = 0;
            foreach (var span in spans)
            {
                if (offset + span.Length > value.Length
                    || !syntax.Text.AsSpan(span.Start, span.Length).SequenceEqual(value.AsSpan(offset, span.Length)))
                {
                    return false;
                }

                offset += span.Length;
            }

            return offset == value.Length;
        }

        private static readonly string[] AutomaticPlatformArgs =
            ["TARGETPLATFORM", "TARGETOS", "TARGETARCH", "TARGETVARIANT", "BUILDPLATFORM", "BUILDOS", "BUILDARCH", "BUILDVARIANT"];

        /// <summary>True when the unresolved reference (variables as wildcards) can only name a stage, e.g. <c>base-${TARGETOS}</c>.</summary>
        private bool MatchesStageWithAnyValue(string raw)
        {
            var literals = VariableReference().Split(raw);
            if (literals.Sum(l => l.Length) == 0)
            {
                return false;
            }

            var pattern = "^" + string.Join(".*", literals.Select(System.Text.RegularExpressions.Regex.Escape)) + "$";
            var regex = new System.Text.RegularExpressions.Regex(pattern, System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
            try
            {
                return _allStageNames.Any(regex.IsMatch);
            }
            catch (System.Text.RegularExpressions.RegexMatchTimeoutException)
            {
                return false;
            }
        }

        private string UnsetReason(string name, ImageInstruction kind)
        {
            if (Array.IndexOf(AutomaticPlatformArgs, name) >= 0 && !_globals.ContainsKey(name))
            {
                return $"depends on the build platform (automatic ARG {name}); pass it as a build arg to resolve";
            }

            if (_globals.TryGetValue(name, out var arg) && arg.Value is null)
            {
                return $"variable {name} has no value (ARG {name} declared on line {arg.Line} without a default and no build arg given)";
            }

            return kind == ImageInstruction.From
                ? $"variable {name} is not a global ARG (declare it before the first FROM or pass it as a build arg)"
                : $"variable {name} is not a global ARG; BuildKit expands only global ARGs in --from / from= (stage-scoped ARG/ENV are not visible there)";
        }
    }
}

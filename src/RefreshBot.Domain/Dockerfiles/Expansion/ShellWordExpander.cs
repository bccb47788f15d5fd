using System.Text;

namespace RefreshBot.Domain.Dockerfiles.Expansion;

/// <summary>Result of expanding one word: the single-word result, the split words, the variables read and those that were unset.</summary>
public sealed record ExpansionResult(string Value, IReadOnlyList<string> Words, string? Error, IReadOnlySet<string> Used, IReadOnlySet<string> Unset)
{
    public bool Succeeded => Error is null;
}

/// <summary>
/// BuildKit's shell-word processing: quotes, escapes, <c>$VAR</c>, <c>${VAR}</c>, <c>${VAR:-x}</c>, <c>${VAR-x}</c>,
/// <c>${VAR:+x}</c>, <c>${VAR+x}</c>, <c>${VAR:?x}</c>, <c>${VAR?x}</c>. Pattern modifiers (<c>#</c>, <c>%</c>, <c>/</c>)
/// are reported as unsupported. Output size and nesting depth are bounded so hostile input cannot blow up.
/// </summary>
public sealed class ShellWordExpander
{
    /// <summary>Largest expansion result accepted (characters).</summary>
    public const int MaxResultLength = 64 * 1024;

    /// <summary>Deepest <c>${...}</c> nesting accepted.</summary>
    public const int MaxDepth = 32;

    private readonly char _escape;
    private readonly Func<string, string?> _lookup;
    private string _input = string.Empty;
    private int _pos;
    private int _depth;
    private HashSet<string> _used = [];
    private HashSet<string> _unset = [];

    /// <param name="escape">The escape token (<c>\</c> or <c>`</c>).</param>
    /// <param name="lookup">Variable value, or null when the variable is not set.</param>
    public ShellWordExpander(char escape, Func<string, string?> lookup)
    {
        _escape = escape;
        _lookup = lookup;
    }

    public ExpansionResult Expand(string word)
    {
        _input = word;
        _pos = 0;
        _depth = 0;
        _used = [];
        _unset = [];
        try
        {
            var words = new WordCollector();
            var value = ProcessUntil(null, words);
            return new ExpansionResult(value, words.Finish(), null, _used, _unset);
        }
        catch (ExpansionFailure failure)
        {
            return new ExpansionResult(string.Empty, [], $"failed to process \"{word}\": {failure.Message}", _used, _unset);
        }
    }

    private string ProcessUntil(char? stop, WordCollector? words)
    {
        var result = new StringBuilder();
        while (_pos < _input.Length)
        {
            var ch = _input[_pos];
            if (stop is not null && ch == stop)
            {
                _pos++;
                return result.ToString();
            }

            string piece;
            switch (ch)
            {
                case '$':
                    piece = Dollar();
                    Append(result, piece);
                    words?.AddExpanded(piece);
                    continue;
                case '\'':
                    piece = SingleQuote();
                    Append(result, piece);
                    words?.AddRaw(piece);
                    continue;
                case '"':
                    piece = DoubleQuote();
                    Append(result, piece);
                    words?.AddRaw(piece);
                    continue;
            }

            _pos++;
            if (ch == _escape)
            {
                if (_pos >= _input.Length)
                {
                    break;
                }

                ch = _input[_pos++];
                words?.AddRaw(ch.ToString());
            }
            else
            {
                words?.AddChar(ch);
            }

            Append(result, ch.ToString());
        }

        if (stop is not null)
        {
            throw new ExpansionFailure($"unexpected end of statement while looking for matching {stop}");
        }

        return result.ToString();
    }

    private static void Append(StringBuilder result, string piece)
    {
        if (result.Length + piece.Length > MaxResultLength)
        {
            throw new ExpansionFailure($"expansion exceeds {MaxResultLength} characters");
        }

        result.Append(piece);
    }

    private string SingleQuote()
    {
        var start = ++_pos;
        var end = _input.IndexOf('\'', start);
        if (end < 0)
        {
            throw new ExpansionFailure("unexpected end of statement while looking for matching single-quote");
        }

        _pos = end + 1;
        return _input[start..end];
    }

    private string DoubleQuote()
    {
        _pos++;
        var result = new StringBuilder();
        while (true)
        {
            if (_pos >= _input.Length)
            {
                throw new ExpansionFailure("unexpected end of statement while looking for matching double-quote");
            }

            var ch = _input[_pos];
            if (ch == '"')
            {
                _pos++;
                return result.ToString();
            }

            if (ch == '$')
            {
                Append(result, Dollar());
                continue;
            }

            _pos++;
            if (ch == _escape)
            {
                if (_pos >= _input.Length)
                {
                    continue;
                }

                var next = _input[_pos];
                if (next == '"' || next == '$' || next == _escape)
                {
                    ch = next;
                    _pos++;
                }
            }

            Append(result, ch.ToString());
        }
    }

    private string Dollar()
    {
        _pos++;
        if (_pos >= _input.Length || _input[_pos] != '{')
        {
            var name = Name();
            if (name.Length == 0)
            {
                return "$";
            }

            return Get(name, plain: true) ?? string.Empty;
        }

        _pos++;
        if (_pos >= _input.Length)
        {
            throw new ExpansionFailure("syntax error: missing '}'");
        }

        if (_input[_pos] is '{' or '}' or ':')
        {
            throw new ExpansionFailure("syntax error: bad substitution");
        }

        var variable = Name();
        if (_pos >= _input.Length)
        {
            throw new ExpansionFailure("syntax error: missing '}'");
        }

        var op = _input[_pos++];
        if (op == '}')
        {
            return Get(variable, plain: true) ?? string.Empty;
        }

        var nullIsUnset = false;
        var modifier = op.ToString();
        if (op == ':')
        {
            nullIsUnset = true;
            op = _pos < _input.Length ? _input[_pos++] : '\0';
            modifier += op;
        }

        if (!nullIsUnset && op is '#' or '%')
        {
            return PatternTrim(variable, op);
        }

        if (op is not ('+' or '-' or '?'))
        {
            throw new ExpansionFailure($"unsupported modifier ({modifier}) in substitution");
        }

        if (++_depth > MaxDepth)
        {
            throw new ExpansionFailure($"substitutions nested deeper than {MaxDepth}");
        }

        string word;
        try
        {
            word = ProcessUntil('}', null);
        }
        catch (ExpansionFailure) when (_pos >= _input.Length)
        {
            throw new ExpansionFailure("syntax error: missing '}'");
        }

        _depth--;
        var value = Get(variable, plain: false);
        var unset = value is null || (nullIsUnset && value.Length == 0);
        switch (op)
        {
            case '-':
                return unset ? word : value!;
            case '+':
                return unset ? string.Empty : word;
            default:
                if (value is null || (nullIsUnset && value.Length == 0))
                {
                    var message = word.Length > 0 ? word : value is null ? "is not allowed to be unset" : "is not allowed to be empty";
                    throw new ExpansionFailure($"{variable}: {message}");
                }

                return value;
        }
    }

    private string PatternTrim(string variable, char op)
    {
        var longest = _pos < _input.Length && _input[_pos] == op;
        if (longest)
        {
            _pos++;
        }

        string pattern;
        try
        {
            pattern = ProcessUntil('}', null);
        }
        catch (ExpansionFailure) when (_pos >= _input.Length)
        {
            throw new ExpansionFailure("syntax error: missing '}'");
        }

        var value = Get(variable, plain: false);
        if (value is null)
        {
            return string.Empty;
        }

        if (value.Length > TrimPattern.MaxValueLength)
        {
            throw new ExpansionFailure($"value of {variable} too long for a pattern substitution");
        }

        try
        {
            return op == '#' ? TrimPattern.TrimPrefix(value, pattern, longest) : TrimPattern.TrimSuffix(value, pattern, longest);
        }
        catch (System.Text.RegularExpressions.RegexMatchTimeoutException)
        {
            throw new ExpansionFailure("pattern substitution took too long");
        }
    }

    private string Name()
    {
        var start = _pos;
        if (_pos < _input.Length && char.IsDigit(_input[_pos]))
        {
            while (_pos < _input.Length && char.IsDigit(_input[_pos]))
            {
                _pos++;
            }

            return _input[start.._pos];
        }

        if (_pos < _input.Length && _input[_pos] is '@' or '*' or '#' or '?' or '-' or '$' or '!')
        {
            _pos++;
            return _input[start.._pos];
        }

        while (_pos < _input.Length && (char.IsLetterOrDigit(_input[_pos]) || _input[_pos] == '_'))
        {
            _pos++;
        }

        return _input[start.._pos];
    }

    private string? Get(string name, bool plain)
    {
        var value = _lookup(name);
        if (value is null)
        {
            if (plain)
            {
                _unset.Add(name);
            }
        }
        else
        {
            _used.Add(name);
        }

        return value;
    }

    private sealed class ExpansionFailure(string message) : Exception(message);

    private sealed class WordCollector
    {
        private readonly List<string> _words = [];
        private readonly StringBuilder _word = new();
        private bool _inWord;

        public void AddChar(char ch)
        {
            if (char.IsWhiteSpace(ch))
            {
                if (_inWord && _word.Length > 0)
                {
                    _words.Add(_word.ToString());
                    _word.Clear();
                    _inWord = false;
                }

                return;
            }

            _word.Append(ch);
            _inWord = true;
        }

        public void AddExpanded(string text)
        {
            foreach (var ch in text)
            {
                AddChar(ch);
            }
        }

        public void AddRaw(string text)
        {
            _word.Append(text);
            _inWord = true;
        }

        public IReadOnlyList<string> Finish()
        {
            if (_word.Length > 0)
            {
                _words.Add(_word.ToString());
                _word.Clear();
            }

            return _words;
        }
    }
}

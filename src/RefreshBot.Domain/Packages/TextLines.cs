namespace RefreshBot.Domain.Packages;

/// <summary>Splits text into lines (LF or CRLF) without copying it; numbers lines from 1.</summary>
internal ref struct TextLines(ReadOnlySpan<char> text)
{
    private ReadOnlySpan<char> _rest = text;
    private bool _done = text.IsEmpty;

    public ReadOnlySpan<char> Current { get; private set; }

    public int Number { get; private set; }

    public readonly TextLines GetEnumerator() => this;

    public bool MoveNext()
    {
        if (_done)
        {
            return false;
        }

        var end = _rest.IndexOf('\n');
        ReadOnlySpan<char> line;
        if (end < 0)
        {
            line = _rest;
            _rest = default;
            _done = true;
        }
        else
        {
            line = _rest[..end];
            _rest = _rest[(end + 1)..];
            _done = _rest.IsEmpty;
        }

        Current = line.EndsWith("\r") ? line[..^1] : line;
        Number++;
        return true;
    }
}

namespace RefreshBot.Domain.Dockerfiles.Parsing;

/// <summary>A run of logical text that sits unchanged at <see cref="SourceStart"/> in the source.</summary>
public readonly record struct LogicalPiece(int LogicalStart, int SourceStart, int Length, int LineNumber);

/// <summary>
/// An instruction's text with continuations joined (as BuildKit sees it), plus the pieces that map
/// every logical character back to its source offset.
/// </summary>
public sealed class LogicalLine
{
    private readonly List<LogicalPiece> _pieces;

    internal LogicalLine(string text, List<LogicalPiece> pieces)
    {
        Text = text;
        _pieces = pieces;
    }

    public string Text { get; }

    public IReadOnlyList<LogicalPiece> Pieces => _pieces;

    /// <summary>Source spans covering the logical range (one per piece it crosses); empty when out of range.</summary>
    public IReadOnlyList<SourceSpan> MapSpans(int logicalStart, int length)
    {
        var spans = new List<SourceSpan>(1);
        var end = logicalStart + length;
        foreach (var piece in _pieces)
        {
            var pieceEnd = piece.LogicalStart + piece.Length;
            if (pieceEnd <= logicalStart || piece.LogicalStart >= end)
            {
                continue;
            }

            var from = Math.Max(logicalStart, piece.LogicalStart);
            var to = Math.Min(end, pieceEnd);
            spans.Add(new SourceSpan(piece.SourceStart + (from - piece.LogicalStart), to - from));
        }

        return spans;
    }

    /// <summary>1-based source line of a logical offset.</summary>
    public int LineOf(int logicalOffset)
    {
        var line = _pieces.Count > 0 ? _pieces[0].LineNumber : 0;
        foreach (var piece in _pieces)
        {
            if (piece.LogicalStart > logicalOffset)
            {
                break;
            }

            if (piece.Length > 0 || piece.LogicalStart <= logicalOffset)
            {
                line = piece.LineNumber;
            }
        }

        return line;
    }
}

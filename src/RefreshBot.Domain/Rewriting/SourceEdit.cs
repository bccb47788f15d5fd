using RefreshBot.Domain.Dockerfiles;

namespace RefreshBot.Domain.Rewriting;

/// <summary>Replace <c>text[Start, Start+Length)</c> with <see cref="Replacement"/> (an insertion when <see cref="Length"/> is 0).</summary>
/// <param name="Piece">The reference piece (one of the use's spans) the edit lies in.</param>
internal readonly record struct SourceEdit(int Start, int Length, string Replacement, SourceSpan Piece)
{
    public int End => Start + Length;

    /// <summary>Two different edits touching or crossing each other: applying both would depend on their order.</summary>
    public bool Collides(SourceEdit other) => Start <= other.End && other.Start <= End;
}

namespace RefreshBot.Domain.Dockerfiles;

/// <summary>The instruction an image reference appears in.</summary>
public enum ImageInstruction
{
    From,
    CopyFrom,
    RunMountFrom,
}

/// <summary>A character range in the original Dockerfile text (UTF-16 offsets into the string given to the parser).</summary>
public readonly record struct SourceSpan(int Start, int Length)
{
    public int End => Start + Length;
}

/// <summary>
/// One place a Dockerfile uses an image. Produced by the extractor.
/// CONTRACT (shape fixed for consumers; the Dockerfile work item may add members).
/// </summary>
/// <param name="Line">1-based line where the reference's text is (for a reference that came from an ARG default, the ARG's line).</param>
/// <param name="Instruction">FROM, COPY --from, RUN --mount from.</param>
/// <param name="Stage">The stage the instruction belongs to (its <c>AS name</c>, or null when unnamed).</param>
/// <param name="Reference">The fully expanded reference text, e.g. <c>node:18@sha256:…</c>; null when skipped.</param>
/// <param name="Platform">The expanded <c>--platform</c> value of the FROM (or of the stage), or null.</param>
/// <param name="Spans">Where the reference's text sits in the source; one span when it is literal or comes whole from one ARG default.</param>
/// <param name="ArgName">Name of the ARG whose default supplied the whole reference, if any.</param>
/// <param name="SkipReason">Why this use was skipped (scratch, stage reference, unresolvable variable…); null when it resolved.</param>
public sealed record ImageUsage(
    int Line,
    ImageInstruction Instruction,
    string? Stage,
    string? Reference,
    string? Platform,
    IReadOnlyList<SourceSpan> Spans,
    string? ArgName,
    string? SkipReason);

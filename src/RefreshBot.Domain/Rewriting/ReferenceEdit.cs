using RefreshBot.Domain.Dockerfiles;
using RefreshBot.Domain.References;

namespace RefreshBot.Domain.Rewriting;

/// <summary>Asks for one image use of a Dockerfile to point at <paramref name="NewDigest"/>.</summary>
/// <param name="Use">The use, as extracted from the very text being rewritten (an element of the report's <c>Images</c>).</param>
/// <param name="NewDigest">The digest the reference should carry: it replaces a pinned digest, or is added after the tag.</param>
public sealed record ReferenceEdit(ImageUsage Use, Digest NewDigest);

/// <summary>An edit the rewriter would not make, and why (it never guesses).</summary>
public sealed record RefusedEdit(ReferenceEdit Edit, string Reason);

/// <summary>Result of <see cref="DockerfileRewriter.Apply"/>.</summary>
/// <param name="Text">The new text: identical to the input except for the bytes of the applied references.</param>
/// <param name="Refused">Edits not made, each with a reason.</param>
/// <param name="Applied">Edits made (an edit whose reference already carried the digest is applied and changes nothing).</param>
public sealed record RewriteResult(string Text, IReadOnlyList<RefusedEdit> Refused, IReadOnlyList<ReferenceEdit> Applied)
{
    /// <summary>True when the text changed.</summary>
    public bool Changed { get; init; }
}

using RefreshBot.Domain.Dockerfiles;
using RefreshBot.Domain.References;

namespace RefreshBot.Domain.Rewriting;

/// <summary>
/// Where one edit goes in the source: the pinned digest's bytes, or just after the reference's last character.
/// Works on the use's spans (their texts concatenated are the reference), so a reference built from pieces
/// (<c>${REGISTRY}/team/node:${TAG}</c>) is edited in the piece holding the digest or the end.
/// </summary>
internal static class EditTargets
{
    public static bool TryLocate(string text, ReferenceEdit edit, out SourceEdit target, out string? refusal)
    {
        target = default;
        var use = edit.Use;
        refusal = Precheck(text, use);
        if (refusal is not null)
        {
            return false;
        }

        var reference = use.Reference!;
        if (!ImageReference.TryParse(reference, out var parsed, out var error))
        {
            refusal = $"'{reference}' is not a valid image reference ({error})";
            return false;
        }

        if (parsed!.Digest is { } old)
        {
            return TryReplaceDigest(use, reference, old.ToString(), edit.NewDigest.ToString(), out target, out refusal);
        }

        var last = use.Spans[^1];
        if (last.End < text.Length && text[last.End] == '$')
        {
            refusal = $"the reference on line {use.Line} ends with a variable that is empty now; a digest added before it would break once the variable is set";
            return false;
        }

        target = new SourceEdit(last.End, 0, "@" + edit.NewDigest, last);
        return true;
    }

    private static string? Precheck(string text, ImageUsage use)
    {
        if (use.Reference is null)
        {
            return $"the use on line {use.Line} was skipped by extraction: {use.SkipReason}";
        }

        if (use.Spans.Count == 0)
        {
            return use.ArgName is { } arg
                ? $"'{use.Reference}' comes from ARG {arg}, whose value is not written literally in the file (a build arg overrides it, or its default is computed or quoted with escapes); change it where it is set"
                : $"the text of '{use.Reference}' (line {use.Line}) cannot be located exactly in the file (a build arg, a computed ARG default, a ${{X:-default}} form, quotes or escapes)";
        }

        var rebuilt = new System.Text.StringBuilder();
        foreach (var span in use.Spans)
        {
            if (span.Start < 0 || span.Length < 0 || span.End > text.Length)
            {
                return $"the spans of '{use.Reference}' (line {use.Line}) lie outside this text: the report was extracted from another version of the file";
            }

            rebuilt.Append(text, span.Start, span.Length);
        }

        return rebuilt.ToString() == use.Reference
            ? null
            : $"the spans of '{use.Reference}' (line {use.Line}) read '{rebuilt}' in this text: the report was extracted from another version of the file";
    }

    private static bool TryReplaceDigest(ImageUsage use, string reference, string oldDigest, string newDigest, out SourceEdit target, out string? refusal)
    {
        target = default;
        refusal = null;
        if (!reference.EndsWith("@" + oldDigest, StringComparison.Ordinal))
        {
            refusal = $"'{reference}' does not end with its digest";
            return false;
        }

        var digestStart = reference.Length - oldDigest.Length;
        var offset = 0;
        foreach (var span in use.Spans)
        {
            if (digestStart >= offset && digestStart + oldDigest.Length <= offset + span.Length)
            {
                target = new SourceEdit(span.Start + (digestStart - offset), oldDigest.Length, newDigest, span);
                return true;
            }

            offset += span.Length;
        }

        refusal = $"the digest of '{reference}' (line {use.Line}) is split across several pieces (variables or line continuations); it cannot be replaced as one";
        return false;
    }
}

using System.Text;
using RefreshBot.Domain.Dockerfiles;

namespace RefreshBot.Domain.Rewriting;

/// <summary>
/// The minimal rewrite: each applied edit changes only the bytes of one reference's digest (replaced when pinned,
/// inserted as <c>@digest</c> after the tag when unpinned); every other character — line endings, BOM, escapes,
/// heredocs, comments — stays identical. A reference that came from an ARG default is changed in the ARG line.
/// Edits that cannot be made without guessing are refused with a reason:
/// <list type="bullet">
/// <item>the reference's text cannot be located (no spans: build-arg override, computed default, quotes…);</item>
/// <item>the edit lies in an ARG default that something else also reads (another image use needing a different
/// edit, a RUN/ENV/stage ARG, another ARG's default);</item>
/// <item>two edits overlap with different results.</item>
/// </list>
/// Identical edits of the same ARG default (two uses of <c>FROM $BASE</c> to the same digest) are applied once.
/// </summary>
public static class DockerfileRewriter
{
    /// <param name="text">The Dockerfile text exactly as extracted.</param>
    /// <param name="report">The extraction of <paramref name="text"/> (with the build args the caller used).</param>
    /// <param name="edits">Uses from <paramref name="report"/> with their new digests.</param>
    public static RewriteResult Apply(string text, DockerfileImageReport report, IReadOnlyList<ReferenceEdit> edits)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(edits);

        var refused = new Dictionary<int, string>();
        var targets = new Dictionary<int, SourceEdit>();
        for (var i = 0; i < edits.Count; i++)
        {
            if (EditTargets.TryLocate(text, edits[i], out var target, out var refusal))
            {
                targets[i] = target;
            }
            else
            {
                refused[i] = refusal!;
            }
        }

        RefuseCollisions(edits, targets, refused);
        var args = targets.Count > 0 ? ArgDefaults.Of(text) : null;
        while (args is not null && RefuseSharedDefaults(args, report, edits, targets, refused))
        {
        }

        var builder = new StringBuilder(text);
        foreach (var edit in targets.Values.Distinct().OrderByDescending(t => t.Start))
        {
            builder.Remove(edit.Start, edit.Length).Insert(edit.Start, edit.Replacement);
        }

        var result = builder.ToString();
        return new RewriteResult(
            result,
            refused.OrderBy(r => r.Key).Select(r => new RefusedEdit(edits[r.Key], r.Value)).ToList(),
            targets.Keys.Order().Select(i => edits[i]).ToList())
        {
            Changed = !string.Equals(result, text, StringComparison.Ordinal),
        };
    }

    private static void RefuseCollisions(IReadOnlyList<ReferenceEdit> edits, Dictionary<int, SourceEdit> targets, Dictionary<int, string> refused)
    {
        var colliding = new Dictionary<int, int>();
        foreach (var (i, a) in targets)
        {
            foreach (var (j, b) in targets)
            {
                if (i != j && a != b && a.Collides(b) && !colliding.ContainsKey(i))
                {
                    colliding[i] = j;
                }
            }
        }

        foreach (var (i, j) in colliding)
        {
            targets.Remove(i);
            var other = edits[j];
            refused[i] = $"overlaps with the edit of '{other.Use.Reference}' (line {other.Use.Line}) to {other.NewDigest}, which asks for different bytes in the same place";
        }
    }

    /// <summary>Refuses edits inside ARG defaults read by anything but image uses getting the same edit; true when something was refused.</summary>
    private static bool RefuseSharedDefaults(ArgDefaults args, DockerfileImageReport report, IReadOnlyList<ReferenceEdit> edits, Dictionary<int, SourceEdit> targets, Dictionary<int, string> refused)
    {
        var newlyRefused = new Dictionary<int, string>();
        foreach (var (i, target) in targets)
        {
            if (args.Owning(target.Piece) is not { } arg)
            {
                continue;
            }

            if (SharingProblem(args, arg, target, report, edits, targets) is { } problem)
            {
                newlyRefused[i] = problem;
            }
        }

        foreach (var (i, problem) in newlyRefused)
        {
            targets.Remove(i);
            refused[i] = problem;
        }

        return newlyRefused.Count > 0;
    }

    private static string? SharingProblem(ArgDefaults args, ArgDefaults.Default arg, SourceEdit target, DockerfileImageReport report, IReadOnlyList<ReferenceEdit> edits, Dictionary<int, SourceEdit> targets)
    {
        var where = $"ARG {arg.Name} (line {arg.Line})";
        var occurrences = 0;
        foreach (var reader in report.Images)
        {
            var uses = reader.Spans.Count(s => s == target.Piece);
            if (uses == 0)
            {
                continue;
            }

            occurrences += uses;
            var same = targets.Any(t => t.Value == target && SameUse(edits[t.Key].Use, reader));
            if (!same)
            {
                return $"{where} is also read by '{reader.Reference}' on line {reader.Line}, which would change with a different meaning; pin it by hand or give each image its own ARG";
            }
        }

        var stageLines = args.StageDeclarations(arg.Name);
        if (stageLines.Count > 0)
        {
            return $"{where} is redeclared in a stage on line {stageLines[0]}, where RUN commands read its value; adding a digest to it would change them";
        }

        var (count, lines) = args.Mentions(arg.Name);
        return count > occurrences
            ? $"{where} is also read outside the image references being edited (instructions on lines {string.Join(", ", lines)}); adding a digest to it would change their meaning"
            : null;
    }

    private static bool SameUse(ImageUsage a, ImageUsage b)
        => ReferenceEquals(a, b)
           || (a.Line == b.Line && a.Instruction == b.Instruction && a.Stage == b.Stage && a.Reference == b.Reference
               && a.ArgName == b.ArgName && a.Spans.SequenceEqual(b.Spans));
}

using System.Globalization;
using System.Text;
using RefreshBot.Application.Evaluation.Ports;
using RefreshBot.Domain.Proposals;
using RefreshBot.Domain.Vulnerabilities.Delta;

namespace RefreshBot.Application.Evaluation;

/// <summary>
/// The "Build and scan" section of a proposal: per Dockerfile, the old and new build (✓/✗, duration), then the scan
/// delta as <see cref="ScanDeltaMarkdown"/> renders it; for a failing build the failing step, the error and the log
/// tail (already redacted by the builder).
/// </summary>
public static class EvaluationMarkdown
{
    public static BuildScanSection Render(IReadOnlyList<DockerfileEvaluation> results)
    {
        var b = new StringBuilder();
        foreach (var result in results)
        {
            b.Append("**Dockerfile** ").Append(Code(result.Dockerfile)).Append("\n\n");
            if (result.Problem is { } problem)
            {
                b.Append("**Build:** ✗ ").Append(Plain(problem)).Append("\n\n");
                continue;
            }

            b.Append("**Builds:** old ").Append(Mark(result.Old)).Append(" · new ").Append(Mark(result.New)).Append('\n');
            var summary = new BuildSummary(
                result.New?.Succeeded == true, result.New?.Duration ?? TimeSpan.Zero, result.Old?.SizeBytes, result.New?.SizeBytes);
            var notes = result.Notes.ToList();
            if (result.Old is { Succeeded: false })
            {
                notes.Add("the old image does not build either: " + (result.Old.FailedStep ?? result.Old.Error ?? "build failed"));
            }

            b.Append(ScanDeltaMarkdown.Render(summary, result.Delta, notes).Markdown.TrimEnd()).Append("\n\n");
            if (result.New is { Succeeded: false } failed)
            {
                Failure(b, failed);
            }
        }

        if (results.Any(r => r.Transient))
        {
            b.Append("_Part of this could not be run this time; RefreshBot tries again on its next run._\n").Append(TransientMarker).Append('\n');
        }

        return new BuildScanSection(b.ToString().TrimEnd() + "\n");
    }

    /// <summary>
    /// The hidden line the bot writes at the end of a section with a transient failure
    /// (<see cref="DockerfileEvaluation.Transient"/>): a later cycle evaluates that pull request again.
    /// </summary>
    public const string TransientMarker = "<!-- refreshbot:build-scan transient-failure -->";

    /// <summary>Whether <paramref name="section"/> (e.g. carried over from a pull request) was written with <see cref="TransientMarker"/>.</summary>
    public static bool ShowsTransientFailure(BuildScanSection section) =>
        section.Markdown.Contains(TransientMarker, StringComparison.Ordinal);

    /// <summary>Inline code, one line (backticks in the text widen the fence).</summary>
    private static string Code(string text)
    {
        var line = OneLine(text);
        return line.Contains('`', StringComparison.Ordinal) ? "`` " + line + " ``" : "`" + line + "`";
    }

    /// <summary>Plain inline text, one line, with the characters that mean something inline backslash-escaped.</summary>
    private static string Plain(string text)
    {
        var b = new StringBuilder();
        foreach (var c in OneLine(text))
        {
            if (c is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '|' or '#' or '!' or '~')
            {
                b.Append('\\');
            }

            b.Append(c);
        }

        return b.ToString();
    }

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)).Trim();

    private static string Mark(BuildResult? build) => build switch
    {
        null => "–",
        { Succeeded: true } => "✓ " + Seconds(build.Duration),
        { TimedOut: true } => "✗ timed out",
        _ => "✗ " + Seconds(build.Duration),
    };

    private static string Seconds(TimeSpan duration) => duration.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";

    private static void Failure(StringBuilder b, BuildResult failed)
    {
        if (failed.FailedStep is { } step)
        {
            b.Append("**Failing step:** ").Append(Code(step)).Append('\n');
        }

        if (failed.Error is { } error)
        {
            b.Append("**Error:** ").Append(Plain(error)).Append('\n');
        }

        if (!string.IsNullOrWhiteSpace(failed.LogTail))
        {
            b.Append("\n<details>\n<summary>Build log (last lines)</summary>\n\n```text\n")
             .Append(failed.LogTail.Replace("```", "'''", StringComparison.Ordinal).TrimEnd())
             .Append("\n```\n\n</details>\n");
        }

        b.Append('\n');
    }
}

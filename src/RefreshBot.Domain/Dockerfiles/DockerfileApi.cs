namespace RefreshBot.Domain.Dockerfiles;

/// <summary>How bad a <see cref="DockerfileDiagnostic"/> is: BuildKit would refuse an <see cref="Error"/>; a <see cref="Warning"/> builds.</summary>
public enum DiagnosticSeverity
{
    Error,
    Warning,
}

/// <summary>A problem found while parsing or extracting: never an exception, always file + line.</summary>
public sealed record DockerfileDiagnostic(string Path, int Line, string Message, DiagnosticSeverity Severity = DiagnosticSeverity.Error)
{
    /// <summary>Compiler style: <c>path:line: error: message</c> or <c>path:line: warning: message</c>.</summary>
    public override string ToString() => $"{Path}:{Line}: {(Severity == DiagnosticSeverity.Warning ? "warning" : "error")}: {Message}";
}

/// <summary>
/// Entry points of the Dockerfile work item.
/// CONTRACT (signatures fixed for consumers; implementation owned by the Dockerfile work item,
/// which may move these into the types it designs as long as these two calls keep working).
/// </summary>
public static class DockerfileImages
{
    /// <summary>
    /// Parses <paramref name="text"/> (the file at <paramref name="path"/>, used only in diagnostics) and returns
    /// every image use with ARG expansion applied (<paramref name="buildArgs"/> override ARG defaults),
    /// plus diagnostics. Never throws on malformed input.
    /// </summary>
    public static DockerfileImageReport Extract(string path, string text, IReadOnlyDictionary<string, string>? buildArgs = null)
        => Extraction.ImageExtractor.Extract(Parsing.DockerfileParser.Parse(path, text ?? string.Empty), buildArgs);
}

/// <summary>Result of <see cref="DockerfileImages.Extract"/>.</summary>
public sealed record DockerfileImageReport(
    string Path,
    IReadOnlyList<ImageUsage> Images,
    IReadOnlyList<DockerfileDiagnostic> Diagnostics);

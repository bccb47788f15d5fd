namespace RefreshBot.Adapters.Vulnerabilities.Scanners;

/// <summary>Which scanner's JSON output is read.</summary>
public enum ScannerKind
{
    /// <summary><c>trivy image --format json --quiet &lt;image&gt;</c>.</summary>
    Trivy,

    /// <summary><c>grype &lt;image&gt; -o json</c>.</summary>
    Grype,
}

/// <param name="Executable">Absolute path of the scanner executable.</param>
/// <param name="Timeout">Per image; the process tree is killed when it is exceeded.</param>
/// <param name="MaxOutputBytes">Cap on the JSON read from stdout (a larger report is an error, not an outage).</param>
public sealed record ScannerOptions(ScannerKind Kind, string Executable, TimeSpan Timeout, long MaxOutputBytes = 64L * 1024 * 1024)
{
    public string Name => Kind == ScannerKind.Trivy ? "trivy" : "grype";
}

using Microsoft.Extensions.Logging;
using RefreshBot.Application.Evaluation.Ports;
using RefreshBot.Domain.Vulnerabilities.Matching;

namespace RefreshBot.Adapters.Vulnerabilities.Scanners;

/// <summary>
/// Scans a local image with Trivy (<c>trivy image --format json --quiet &lt;id&gt;</c>) or Grype (<c>grype &lt;id&gt; -o json</c>)
/// and reads its JSON report (<see cref="ScannerReport"/>). A missing executable, a timeout, a failed run or an
/// unreadable report throws <see cref="VulnerabilitySourceException"/> naming the scanner — the evaluation shows it as a
/// line in the PR section and goes on.
/// </summary>
public sealed partial class ScannerJsonSource(ScannerOptions options, ILogger<ScannerJsonSource> logger) : IImageVulnerabilityScanner, IDisposable
{
    private readonly Lazy<string> _home = new(() => Directory.CreateTempSubdirectory("refreshbot-scanner-home-").FullName);

    public async Task<IReadOnlyList<VulnerabilityFinding>> ScanAsync(string imageId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(imageId) || imageId.StartsWith('-'))
        {
            throw new ArgumentException($"not an image id: '{imageId}'", nameof(imageId));
        }

        var origin = $"{options.Name} ({options.Executable})";
        string[] arguments = options.Kind == ScannerKind.Trivy
            ? ["image", "--format", "json", "--quiet", imageId]
            : [imageId, "-o", "json"];
        ScannerExit exit;
        try
        {
            exit = await ScannerProcess.RunAsync(options.Executable, arguments, _home.Value, options.Timeout, options.MaxOutputBytes, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (FileNotFoundException e)
        {
            LogNotInstalled(logger, options.Name, options.Executable);
            throw new VulnerabilitySourceException(VulnerabilitySourceErrorKind.Invalid, origin, $"{options.Name} is not installed: {e.Message}", e);
        }

        if (exit.TimedOut)
        {
            throw new VulnerabilitySourceException(
                VulnerabilitySourceErrorKind.Transient, origin, $"timed out after {options.Timeout.TotalSeconds:0} s scanning {imageId}");
        }

        if (exit.OutputTooLarge)
        {
            throw new VulnerabilitySourceException(
                VulnerabilitySourceErrorKind.Invalid, origin, $"the report for {imageId} is larger than {options.MaxOutputBytes} bytes");
        }

        if (exit.ExitCode != 0)
        {
            var tail = exit.ErrorTail.Length == 0 ? "" : ": " + exit.ErrorTail.ReplaceLineEndings(" ");
            throw new VulnerabilitySourceException(VulnerabilitySourceErrorKind.Transient, origin, $"exited with code {exit.ExitCode} scanning {imageId}{tail}");
        }

        var findings = ScannerReport.Parse(options.Kind, exit.Output, origin);
        LogScanned(logger, options.Name, imageId, findings.Count);
        return findings;
    }

    public void Dispose()
    {
        if (!_home.IsValueCreated)
        {
            return;
        }

        try
        {
            Directory.Delete(_home.Value, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A leftover temp directory is harmless.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Scanner} is not installed at {Executable}")]
    private static partial void LogNotInstalled(ILogger logger, string scanner, string executable);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Scanner}: {Image}: {Findings} findings")]
    private static partial void LogScanned(ILogger logger, string scanner, string image, int findings);
}

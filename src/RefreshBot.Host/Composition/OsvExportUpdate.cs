using Microsoft.Extensions.Logging;
using RefreshBot.Adapters.Vulnerabilities.Exports;

namespace RefreshBot.Host.Composition;

/// <summary>
/// The refresh of OSV's bulk exports under <c>vulnerabilities.osvDirectory</c>, shared by <c>refreshbot vulnerabilities
/// update</c> and the service's vulnerability-data job: one downloader with the same defaults (base URL, size cap,
/// ecosystems, HTTP timeout), the same check of the folder, the same one-line summary per ecosystem.
/// </summary>
public sealed class OsvExportUpdate(HttpClient http, ILogger<OsvExportDownloader> logger)
{
    /// <summary>The name of the service's <see cref="HttpClient"/> (<see cref="IHttpClientFactory"/>) for the exports.</summary>
    public const string HttpClientName = "osv-exports";

    /// <summary>How long one HTTP exchange may take: the exports are hundreds of megabytes.</summary>
    public static readonly TimeSpan HttpTimeout = TimeSpan.FromMinutes(30);

    /// <summary>Why <paramref name="folder"/> cannot receive the exports; null when it can (it may not exist yet).</summary>
    public static string? FolderProblem(string folder) =>
        File.Exists(folder) ? $"vulnerabilities.osvDirectory is a file ({folder}); downloads need a folder." : null;

    /// <summary>Downloads what changed of <paramref name="ecosystems"/> (empty: <see cref="OsvExportOptions.DefaultEcosystems"/>)
    /// from <paramref name="baseUrl"/> (null: osv.dev's bucket) into <paramref name="folder"/>.</summary>
    public Task<IReadOnlyList<EcosystemDownload>> RunAsync(
        string folder, Uri? baseUrl, IReadOnlyCollection<string> ecosystems, CancellationToken cancellationToken)
    {
        if (FolderProblem(folder) is { } problem)
        {
            throw new IOException(problem);
        }

        var options = baseUrl is null ? OsvExportOptions.Default : OsvExportOptions.Default with { BaseUrl = baseUrl };
        var downloader = new OsvExportDownloader(http, options, logger);
        IReadOnlyList<string> which = ecosystems.Count > 0 ? [.. ecosystems.Distinct(StringComparer.Ordinal)] : OsvExportOptions.DefaultEcosystems;
        return downloader.DownloadAsync(folder, which, cancellationToken);
    }

    /// <summary>One ecosystem's outcome as a line: <c>Debian: updated (N bytes)</c>, <c>…: unchanged</c>, <c>…: failed: reason</c>.</summary>
    public static string Describe(EcosystemDownload result) => result.Outcome switch
    {
        DownloadOutcome.Updated => $"{result.Ecosystem}: updated ({result.Bytes} bytes)",
        DownloadOutcome.Unchanged => $"{result.Ecosystem}: unchanged",
        _ => $"{result.Ecosystem}: failed: {result.Reason}",
    };
}

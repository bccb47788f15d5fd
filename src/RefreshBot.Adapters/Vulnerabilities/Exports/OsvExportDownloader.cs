using System.IO.Compression;
using System.Net;
using Microsoft.Extensions.Logging;

namespace RefreshBot.Adapters.Vulnerabilities.Exports;

/// <summary>
/// Refreshes a local copy of OSV's bulk exports: for each ecosystem, <c>GET {base}{Ecosystem}/all.zip</c> with
/// <c>If-None-Match</c> / <c>If-Modified-Since</c> from the previous download, streamed to a temp file beside the
/// target (size-capped), checked to be a readable zip, then renamed over <c>{folder}/{Ecosystem}/all.zip</c> — the
/// layout <see cref="OsvDirectorySource"/> reads. A 304 leaves the file as it is. Any failure (offline, HTTP error,
/// too large, not a zip) leaves the previous file in place and is returned for that ecosystem, never thrown;
/// only cancellation is.
/// </summary>
public sealed partial class OsvExportDownloader(HttpClient http, OsvExportOptions options, ILogger<OsvExportDownloader> logger)
{
    public const string FileName = "all.zip";

    private const string PartSuffix = ".part";

    /// <summary>Downloads each of <paramref name="ecosystems"/> into <paramref name="folder"/>, one after another.</summary>
    public async Task<IReadOnlyList<EcosystemDownload>> DownloadAsync(
        string folder, IReadOnlyList<string> ecosystems, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        ArgumentNullException.ThrowIfNull(ecosystems);
        var results = new List<EcosystemDownload>();
        foreach (var ecosystem in ecosystems)
        {
            var result = await DownloadOneAsync(folder, ecosystem, cancellationToken).ConfigureAwait(false);
            if (result.Outcome == DownloadOutcome.Failed)
            {
                LogFailed(logger, ecosystem, result.Reason!);
            }
            else
            {
                LogDone(logger, ecosystem, result.Outcome, result.Bytes);
            }

            results.Add(result);
        }

        return results;
    }

    /// <summary>True for a name usable as one folder under the export: no separators, not <c>.</c> or <c>..</c>.</summary>
    public static bool IsValidEcosystemName(string name)
        => !string.IsNullOrWhiteSpace(name) && name is not ("." or "..") && name.Trim() == name
           && name.IndexOfAny(['/', '\\', ':', '\0']) < 0 && name.IndexOfAny(Path.GetInvalidFileNameChars()) < 0;

    private async Task<EcosystemDownload> DownloadOneAsync(string folder, string ecosystem, CancellationToken cancellationToken)
    {
        if (!IsValidEcosystemName(ecosystem))
        {
            return EcosystemDownload.Failure(ecosystem, "not a valid ecosystem folder name");
        }

        var target = Path.Combine(folder, ecosystem, FileName);
        var temp = Path.Combine(folder, ecosystem, $".{FileName}.{Guid.NewGuid():N}{PartSuffix}");
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            var previous = ExportValidators.Load(target);
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(options.NormalizedBaseUrl, Uri.EscapeDataString(ecosystem) + "/" + FileName));
            previous.ApplyTo(request);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotModified && File.Exists(target))
            {
                return new EcosystemDownload(ecosystem, DownloadOutcome.Unchanged, new FileInfo(target).Length);
            }

            if (response.StatusCode != HttpStatusCode.OK)
            {
                return EcosystemDownload.Failure(ecosystem, $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}".TrimEnd());
            }

            if (response.Content.Headers.ContentLength > options.MaxBytes)
            {
                return EcosystemDownload.Failure(ecosystem, $"{response.Content.Headers.ContentLength} bytes, over the {options.MaxBytes}-byte limit");
            }

            var bytes = await CopyCappedAsync(response, temp, cancellationToken).ConfigureAwait(false);
            if (bytes is null)
            {
                return EcosystemDownload.Failure(ecosystem, $"more than {options.MaxBytes} bytes; stopped");
            }

            if (response.Content.Headers.ContentLength is { } declared && declared != bytes)
            {
                return EcosystemDownload.Failure(ecosystem, $"truncated: {bytes} of {declared} bytes");
            }

            if (ZipProblem(temp) is { } problem)
            {
                return EcosystemDownload.Failure(ecosystem, "not a readable zip: " + problem);
            }

            // Zip first, validators second: a crash between the two costs one extra download, never a stale 304.
            File.Move(temp, target, overwrite: true);
            ExportValidators.From(response).Save(target);
            return new EcosystemDownload(ecosystem, DownloadOutcome.Updated, bytes.Value);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException)
        {
            return EcosystemDownload.Failure(ecosystem, "timed out");
        }
        catch (HttpRequestException e)
        {
            return EcosystemDownload.Failure(ecosystem, "unreachable: " + e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return EcosystemDownload.Failure(ecosystem, "I/O error: " + e.Message);
        }
        finally
        {
            TryDelete(temp);
        }
    }

    /// <summary>Streams the body to <paramref name="path"/>; null when it grows past the cap.</summary>
    private async Task<long?> CopyCappedAsync(HttpResponseMessage response, string path, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        long total = 0;
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            total += read;
            if (total > options.MaxBytes)
            {
                return null;
            }

            await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
        }

        await file.FlushAsync(cancellationToken).ConfigureAwait(false);
        return total;
    }

    /// <summary>Null when the zip's central directory reads and lists entries; else what is wrong.</summary>
    private static string? ZipProblem(string path)
    {
        try
        {
            using var zip = ZipFile.OpenRead(path);
            _ = zip.Entries.Count;
            return null;
        }
        catch (InvalidDataException e)
        {
            return e.Message;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A stray .part file is ignored by the export index and replaced by the next download.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "OSV export {Ecosystem}: {Outcome} ({Bytes} bytes)")]
    private static partial void LogDone(ILogger logger, string ecosystem, DownloadOutcome outcome, long bytes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "OSV export {Ecosystem} not refreshed, previous copy kept: {Reason}")]
    private static partial void LogFailed(ILogger logger, string ecosystem, string reason);
}

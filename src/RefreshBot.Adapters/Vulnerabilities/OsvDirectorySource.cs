using System.IO.Compression;
using Microsoft.Extensions.Logging;
using RefreshBot.Application.Evaluation.Ports;
using RefreshBot.Domain.Packages;
using RefreshBot.Domain.Vulnerabilities.Ecosystems;
using RefreshBot.Domain.Vulnerabilities.Matching;
using RefreshBot.Domain.Vulnerabilities.Osv;

namespace RefreshBot.Adapters.Vulnerabilities;

/// <summary>
/// OSV records from a local export: a directory (loose <c>*.json</c>, or <c>&lt;Ecosystem&gt;/all.zip</c> as osv.dev's
/// bulk export lays them out) or a single zip. Indexed on first use by (family, package name), keeping locations only;
/// a look-up parses just the records filed under the packages it asks for. Broken records are logged and skipped.
/// Point it at the ecosystems you need: every record under the path is read once to index it.
/// </summary>
public sealed partial class OsvDirectorySource(string path, ILogger<OsvDirectorySource> logger) : IVulnerabilitySource
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private OsvExportIndex? _index;

    public async Task<IReadOnlyList<VulnerabilityFinding>> FindAsync(PackageInventory inventory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var index = _index ??= await Task.Run(() => BuildIndex(cancellationToken), cancellationToken).ConfigureAwait(false);
            var zips = new Dictionary<string, ZipArchive>(StringComparer.Ordinal);
            try
            {
                var lookup = new Lookup(index, zips, logger);
                var result = VulnerabilityMatcher.Match(inventory, lookup);
                foreach (var problem in result.Problems)
                {
                    LogMatchProblem(logger, problem);
                }

                return result.Findings;
            }
            finally
            {
                foreach (var zip in zips.Values)
                {
                    zip.Dispose();
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private OsvExportIndex BuildIndex(CancellationToken cancellationToken)
    {
        OsvExportIndex index;
        try
        {
            index = OsvExportIndex.Build(path, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new VulnerabilitySourceException(VulnerabilitySourceErrorKind.Invalid, path, e.Message, e);
        }

        foreach (var problem in index.Problems)
        {
            LogBadRecord(logger, problem);
        }

        LogIndexed(logger, path, index.RecordCount, index.Problems.Count);
        return index;
    }

    private sealed class Lookup(OsvExportIndex index, Dictionary<string, ZipArchive> zips, ILogger logger) : IOsvRecordLookup
    {
        public IReadOnlyList<OsvRecord> RecordsFor(OsFamily family, string packageName)
        {
            var records = new List<OsvRecord>();
            foreach (var location in index.LocationsFor(family, packageName))
            {
                var parsed = OsvExportIndex.Read(location, zips);
                if (parsed.Record is { } record)
                {
                    records.Add(record);
                }
                else
                {
                    LogBadRecord(logger, parsed.Error!);
                }
            }

            return records;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Indexed OSV export {Path}: {Records} records, {Problems} unreadable")]
    private static partial void LogIndexed(ILogger logger, string path, int records, int problems);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped OSV record: {Problem}")]
    private static partial void LogBadRecord(ILogger logger, string problem);

    [LoggerMessage(Level = LogLevel.Debug, Message = "OSV matching: {Problem}")]
    private static partial void LogMatchProblem(ILogger logger, string problem);
}

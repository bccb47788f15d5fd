using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using RefreshBot.Application.Evaluation.Ports;
using RefreshBot.Domain.Packages;
using RefreshBot.Domain.Vulnerabilities.Ecosystems;
using RefreshBot.Domain.Vulnerabilities.Matching;
using RefreshBot.Domain.Vulnerabilities.Osv;
using RefreshBot.Domain.Vulnerabilities.Severity;

namespace RefreshBot.Adapters.Vulnerabilities;

/// <summary>
/// The OSV API (https://google.github.io/osv.dev/api/): <c>POST {base}/v1/querybatch</c> with one query per
/// advisory name and version (<see cref="PackageQueries"/>), following <c>next_page_token</c>, then
/// <c>GET {base}/v1/vulns/{id}</c> once per id for the record. The API decides which ids apply; the record gives the
/// fixed version and severity (evaluated locally with the same ranges; when the local evaluation disagrees, the
/// API's answer stands and the fixed version stays unknown). The base URL is configurable (a mirror, a test server).
/// </summary>
public sealed partial class OsvQueryBatchClient(HttpClient http, Uri baseUrl, ILogger<OsvQueryBatchClient> logger) : IVulnerabilitySource
{
    /// <summary>osv.dev accepts at most 1000 queries per batch.</summary>
    public const int MaxBatch = 1000;

    public static readonly Uri DefaultBaseUrl = new("https://api.osv.dev/");

    public async Task<IReadOnlyList<VulnerabilityFinding>> FindAsync(PackageInventory inventory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        if (inventory.Os is null || !OsEcosystem.TryFromOsRelease(inventory.Os, out var ecosystem, out var problem))
        {
            LogNoEcosystem(logger, inventory.Os?.Id ?? "(no os-release)");
            return [];
        }

        var queries = PackageQueries.For(ecosystem, inventory.Packages);
        var ids = new List<string>[queries.Count];
        foreach (var chunk in Enumerable.Range(0, queries.Count).Chunk(MaxBatch))
        {
            await QueryAsync(ecosystem, queries, chunk, ids, cancellationToken).ConfigureAwait(false);
        }

        var records = new Dictionary<string, OsvRecord>(StringComparer.Ordinal);
        foreach (var id in ids.Where(l => l is not null).SelectMany(l => l).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            records[id] = await GetRecordAsync(id, cancellationToken).ConfigureAwait(false);
        }

        var findings = new List<VulnerabilityFinding>();
        for (var i = 0; i < queries.Count; i++)
        {
            foreach (var id in ids[i] ?? [])
            {
                findings.Add(Finding(ecosystem, queries[i], records[id]));
            }
        }

        return VulnerabilityMatcher.Sorted(findings.DistinctBy(f => (f.Id, f.Package, f.InstalledVersion)));
    }

    private static VulnerabilityFinding Finding(OsEcosystem ecosystem, PackageQuery query, OsvRecord record)
    {
        var local = VulnerabilityMatcher.Match(ecosystem, [query], new OsvRecordIndex([record])).Findings;
        if (local.Count > 0)
        {
            return local[0];
        }

        var affected = record.Affected.FirstOrDefault(a => a.Package?.Name == query.Name
            && OsEcosystem.FromRecord(a.Package.Ecosystem) is { } scope && ecosystem.Covers(scope));
        return new VulnerabilityFinding(record.Id, record.CveIds, query.Name, query.Version, null,
            SeverityRating.For(record, affected), ecosystem.Name, query.BinaryPackages, record.Summary);
    }

    private async Task QueryAsync(OsEcosystem ecosystem, IReadOnlyList<PackageQuery> queries, int[] chunk, List<string>[] ids, CancellationToken cancellationToken)
    {
        var pending = chunk.ToDictionary(i => i, _ => (string?)null);
        while (pending.Count > 0)
        {
            var order = pending.Keys.Order().ToArray();
            var body = new JsonObject
            {
                ["queries"] = new JsonArray(order.Select(i =>
                {
                    var q = new JsonObject
                    {
                        ["package"] = new JsonObject { ["ecosystem"] = ecosystem.Name, ["name"] = queries[i].Name },
                        ["version"] = queries[i].Version,
                    };
                    if (pending[i] is { } token)
                    {
                        q["page_token"] = token;
                    }

                    return (JsonNode)q;
                }).ToArray()),
            };
            using var response = await SendAsync(HttpMethod.Post, "v1/querybatch", body.ToJsonString(), cancellationToken).ConfigureAwait(false);
            var results = response.RootElement.TryGetProperty("results", out var r) && r.ValueKind == JsonValueKind.Array && r.GetArrayLength() == order.Length
                ? r
                : throw Invalid("v1/querybatch", $"expected {order.Length} results");
            pending.Clear();
            foreach (var (result, i) in results.EnumerateArray().Zip(order))
            {
                ids[i] ??= [];
                if (result.TryGetProperty("vulns", out var vulns) && vulns.ValueKind == JsonValueKind.Array)
                {
                    ids[i].AddRange(vulns.EnumerateArray()
                        .Select(v => v.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString()! : throw Invalid("v1/querybatch", "a vuln without id")));
                }

                if (result.TryGetProperty("next_page_token", out var next) && next.ValueKind == JsonValueKind.String && next.GetString() is { Length: > 0 } token)
                {
                    pending[i] = token;
                }
            }
        }
    }

    private async Task<OsvRecord> GetRecordAsync(string id, CancellationToken cancellationToken)
    {
        var path = "v1/vulns/" + Uri.EscapeDataString(id);
        using var document = await SendAsync(HttpMethod.Get, path, null, cancellationToken).ConfigureAwait(false);
        var parsed = OsvRecordParser.Parse(document.RootElement, new Uri(baseUrl, path).ToString());
        return parsed.Record ?? throw Invalid(path, parsed.Error!);
    }

    private async Task<JsonDocument> SendAsync(HttpMethod method, string path, string? json, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(baseUrl, path));
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw Fail(VulnerabilitySourceErrorKind.Transient, path, e.Message, e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw Fail(VulnerabilitySourceErrorKind.Transient, path, "timed out", e);
        }

        using (response)
        {
            LogResponse(logger, method.Method, path, (int)response.StatusCode);
            if (!response.IsSuccessStatusCode)
            {
                var transient = response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout || (int)response.StatusCode >= 500;
                throw Fail(transient ? VulnerabilitySourceErrorKind.Transient : VulnerabilitySourceErrorKind.Invalid, path, $"HTTP {(int)response.StatusCode}");
            }

            try
            {
                var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                await using (stream.ConfigureAwait(false))
                {
                    return await JsonDocument.ParseAsync(stream, default, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (JsonException e)
            {
                throw Invalid(path, "response is not JSON: " + e.Message);
            }
        }
    }

    private VulnerabilitySourceException Invalid(string path, string message) => Fail(VulnerabilitySourceErrorKind.Invalid, path, message);

    private VulnerabilitySourceException Fail(VulnerabilitySourceErrorKind kind, string path, string message, Exception? inner = null)
    {
        LogFailure(logger, kind.ToString(), path, message);
        return new VulnerabilitySourceException(kind, new Uri(baseUrl, path).GetLeftPart(UriPartial.Path), message, inner);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "OSV {Method} {Path} -> {Status}")]
    private static partial void LogResponse(ILogger logger, string method, string path, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "OSV request failed ({Kind}) for {Path}: {Failure}")]
    private static partial void LogFailure(ILogger logger, string kind, string path, string failure);

    [LoggerMessage(Level = LogLevel.Information, Message = "No OSV ecosystem for distribution {Distribution}: nothing to query")]
    private static partial void LogNoEcosystem(ILogger logger, string distribution);
}

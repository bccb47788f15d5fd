using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace RefreshBot.Integration.Tests.Vulnerabilities;

/// <summary>
/// A recorded stand-in for api.osv.dev (unreachable here), in-process on 127.0.0.1: <c>POST /v1/querybatch</c> answers
/// from the recorded querybatch oracle (osv-scanner's cassettes) restricted to ids whose records we hold, paginated
/// artificially so paging is exercised (the first page of a query with vulns holds only a <c>next_page_token</c>, then
/// one vuln per page); <c>GET /v1/vulns/{id}</c> serves those vector records.
/// </summary>
internal sealed class OsvApiStandIn : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Dictionary<(string Ecosystem, string Name, string Version), string[]> _answers = [];
    private readonly Dictionary<string, string> _records = new(StringComparer.Ordinal);

    private OsvApiStandIn(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = null!;

    public ConcurrentQueue<string> Requests { get; } = new();

    public ConcurrentQueue<JsonNode> QueryBodies { get; } = new();

    /// <summary>When set, every request gets this status (e.g. 503) instead of an answer.</summary>
    public int? FailWith { get; set; }

    public static async Task<OsvApiStandIn> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new OsvApiStandIn(app);
        server.Load();
        app.MapPost("/v1/querybatch", (Func<HttpContext, Task<IResult>>)server.QueryBatchAsync);
        app.MapGet("/v1/vulns/{id}", (Func<HttpContext, string, IResult>)server.Vuln);
        await app.StartAsync();
        server.BaseUrl = new Uri(app.Urls.First().TrimEnd('/') + "/");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private void Load()
    {
        foreach (var file in Directory.EnumerateFiles(Path.Combine(OsvVectorFiles.Root, "records"), "*.json", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            _records[JsonNode.Parse(text)!["id"]!.GetValue<string>()] = text;
        }

        foreach (var line in File.ReadLines(Path.Combine(OsvVectorFiles.Root, "osv-api-querybatch-oracle.jsonl")).Where(l => l.Length > 0))
        {
            var row = JsonNode.Parse(line)!;
            var ids = row["vuln_ids"]!.AsArray().Select(v => v!.GetValue<string>()).Where(_records.ContainsKey).ToArray();
            _answers[(row["ecosystem"]!.GetValue<string>(), row["name"]!.GetValue<string>(), row["version"]!.GetValue<string>())] = ids;
        }
    }

    private async Task<IResult> QueryBatchAsync(HttpContext context)
    {
        Requests.Enqueue("POST /v1/querybatch");
        if (FailWith is { } status)
        {
            return Results.StatusCode(status);
        }

        var body = (await JsonNode.ParseAsync(context.Request.Body))!;
        QueryBodies.Enqueue(body);
        var results = new JsonArray();
        foreach (var query in body["queries"]!.AsArray())
        {
            var package = query!["package"]!;
            var key = (package["ecosystem"]!.GetValue<string>(), package["name"]!.GetValue<string>(), query["version"]!.GetValue<string>());
            var ids = _answers.GetValueOrDefault(key, []);
            var page = query["page_token"] is { } token ? int.Parse(token.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) : 0;
            var result = new JsonObject();
            if (page >= 1 && page <= ids.Length)
            {
                result["vulns"] = new JsonArray(new JsonObject { ["id"] = ids[page - 1], ["modified"] = "2026-07-08T04:32:24Z" });
            }

            if (page < ids.Length)
            {
                result["next_page_token"] = (page + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            results.Add(result);
        }

        return Results.Content(new JsonObject { ["results"] = results }.ToJsonString(), "application/json");
    }

    private IResult Vuln(HttpContext context, string id)
    {
        Requests.Enqueue("GET /v1/vulns/" + id);
        return FailWith is { } status ? Results.StatusCode(status)
            : _records.TryGetValue(id, out var json) ? Results.Content(json, "application/json")
            : Results.NotFound();
    }
}

using System.Collections.Concurrent;
using System.IO.Compression;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace RefreshBot.Integration.Tests.Vulnerabilities.Exports;

/// <summary>
/// A stand-in for osv.dev's bulk-export bucket (osv-vulnerabilities.storage.googleapis.com, unreachable here), in-process
/// on 127.0.0.1: <c>GET /{Ecosystem}/all.zip</c> serves the bytes set with <see cref="Publish"/>, with an ETag (hash of
/// the bytes) and Last-Modified, answering 304 to a matching <c>If-None-Match</c> or a not-older
/// <c>If-Modified-Since</c>, as the bucket does. Each request's conditional headers are recorded.
/// </summary>
internal sealed class ExportBucketStandIn : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, (byte[] Body, string ETag, DateTimeOffset Modified)> _objects = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _failures = new(StringComparer.Ordinal);

    private ExportBucketStandIn(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>One entry per request: ecosystem, If-None-Match, If-Modified-Since (empty when absent), status sent.</summary>
    public ConcurrentQueue<(string Ecosystem, string IfNoneMatch, string IfModifiedSince, int Status)> Requests { get; } = new();

    public static async Task<ExportBucketStandIn> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new ExportBucketStandIn(app);
        app.MapGet("/{ecosystem}/all.zip", (Func<HttpContext, string, Task>)server.ServeAsync);
        await app.StartAsync();
        server.BaseUrl = new Uri(app.Urls.First().TrimEnd('/') + "/");
        return server;
    }

    /// <summary>Puts <paramref name="body"/> at <c>/{ecosystem}/all.zip</c>, modified at <paramref name="modified"/>.</summary>
    public void Publish(string ecosystem, byte[] body, DateTimeOffset modified)
        => _objects[ecosystem] = (body, "\"" + Convert.ToHexString(SHA256.HashData(body))[..16] + "\"", modified);

    /// <summary>Every request for <paramref name="ecosystem"/> gets <paramref name="status"/> until cleared with null.</summary>
    public void FailWith(string ecosystem, int? status)
    {
        if (status is { } code)
        {
            _failures[ecosystem] = code;
        }
        else
        {
            _failures.TryRemove(ecosystem, out _);
        }
    }

    /// <summary>A zip of every <c>*.json</c> in <paramref name="folder"/>, entries named <c>{id}.json</c> like osv.dev's.</summary>
    public static byte[] ZipOf(string folder)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal))
            {
                archive.CreateEntryFromFile(file, Path.GetFileName(file));
            }
        }

        return buffer.ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task ServeAsync(HttpContext context, string ecosystem)
    {
        var ifNoneMatch = context.Request.Headers.IfNoneMatch.ToString();
        var ifModifiedSince = context.Request.Headers.IfModifiedSince.ToString();
        var status = Status(ecosystem, ifNoneMatch, ifModifiedSince);
        Requests.Enqueue((ecosystem, ifNoneMatch, ifModifiedSince, status));
        context.Response.StatusCode = status;
        if (status is StatusCodes.Status200OK or StatusCodes.Status304NotModified)
        {
            var (body, etag, modified) = _objects[ecosystem];
            context.Response.Headers.ETag = etag;
            context.Response.Headers.LastModified = modified.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
            if (status == StatusCodes.Status200OK)
            {
                context.Response.ContentType = "application/zip";
                context.Response.ContentLength = body.Length;
                await context.Response.Body.WriteAsync(body);
            }
        }
    }

    private int Status(string ecosystem, string ifNoneMatch, string ifModifiedSince)
    {
        if (_failures.TryGetValue(ecosystem, out var failure))
        {
            return failure;
        }

        if (!_objects.TryGetValue(ecosystem, out var current))
        {
            return StatusCodes.Status404NotFound;
        }

        if (ifNoneMatch.Length > 0)
        {
            return ifNoneMatch.Split(',').Any(t => t.Trim() == current.ETag) ? StatusCodes.Status304NotModified : StatusCodes.Status200OK;
        }

        return DateTimeOffset.TryParse(ifModifiedSince, System.Globalization.CultureInfo.InvariantCulture,
                   System.Globalization.DateTimeStyles.AssumeUniversal, out var since) && current.Modified <= since
            ? StatusCodes.Status304NotModified
            : StatusCodes.Status200OK;
    }
}

using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace RefreshBot.Testing.Proxy;

/// <summary>
/// An in-process reverse proxy (Kestrel, 127.0.0.1, ephemeral port) in front of a registry. Counts
/// requests by <see cref="RequestKind"/>, injects faults (429, 5xx, custom headers), can add headers
/// to forwarded responses (Docker Hub's <c>ratelimit-remaining</c>), corrupt manifest bodies and
/// stream bodies without Content-Length. Point measured clients at <see cref="Host"/>, never at the
/// registry's own port.
/// </summary>
public sealed partial class CountingProxy : IAsyncDisposable
{
    private static readonly HashSet<string> HopHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Transfer-Encoding", "Upgrade", "Proxy-Connection", "TE", "Trailer",
    };

    private readonly WebApplication _app;
    private readonly HttpClient _upstream;
    private readonly Uri _target;
    private readonly ConcurrentQueue<ProxiedRequest> _requests = new();
    private readonly Lock _faultsLock = new();
    private readonly List<(RequestKind? Kind, string? PathContains, ProxyFault Fault)> _faults = [];
    private int _inFlight;
    private int _maxConcurrent;

    private CountingProxy(WebApplication app, Uri target)
    {
        _app = app;
        _target = target;
        _upstream = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
    }

    /// <summary><c>127.0.0.1:PORT</c> of the proxy: use it as the image reference's domain.</summary>
    public string Host { get; private set; } = "";

    public Uri BaseUri => new("http://" + Host + "/");

    /// <summary>Headers added to every forwarded (not injected) response, e.g. <c>ratelimit-remaining</c>.</summary>
    public ConcurrentDictionary<string, string> ExtraResponseHeaders { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Flip one byte of every forwarded GET manifest body (same length): a digest mismatch.</summary>
    public bool CorruptManifestBodies { get; set; }

    /// <summary>Flip the last byte of every forwarded GET blob body (same length): a blob digest mismatch.</summary>
    public bool CorruptBlobBodies { get; set; }

    /// <summary>Drop Content-Length from forwarded bodies (chunked), so clients can't trust it.</summary>
    public bool OmitContentLength { get; set; }

    public IReadOnlyList<ProxiedRequest> Requests => _requests.ToArray();

    /// <summary>Delay before each request is answered (makes concurrency observable).</summary>
    public TimeSpan ResponseDelay { get; set; }

    /// <summary>Most requests in flight at the same time so far.</summary>
    public int MaxConcurrent => _maxConcurrent;

    public static async Task<CountingProxy> StartAsync(Uri target, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var proxy = new CountingProxy(app, target);
        app.Run(proxy.HandleAsync);
        await app.StartAsync(cancellationToken);
        proxy.Host = new Uri(app.Urls.First()).Authority;
        return proxy;
    }

    public int Count(RequestKind kind) => _requests.Count(r => r.Kind == kind);

    public int Total => _requests.Count;

    public void ResetCounts() => _requests.Clear();

    /// <summary>
    /// Answer the next <paramref name="times"/> requests (of <paramref name="kind"/>, or any; whose path contains
    /// <paramref name="pathContains"/>, e.g. <c>/v2/team/app/</c>, or any) with <paramref name="fault"/>.
    /// </summary>
    public void Inject(ProxyFault fault, int times = 1, RequestKind? kind = null, string? pathContains = null)
    {
        lock (_faultsLock)
        {
            for (var i = 0; i < times; i++)
            {
                _faults.Add((kind, pathContains, fault));
            }
        }
    }

    /// <summary>Faults armed and not yet used.</summary>
    public int PendingFaults
    {
        get
        {
            lock (_faultsLock)
            {
                return _faults.Count;
            }
        }
    }

    /// <summary>Disarms every fault not yet used.</summary>
    public void ClearFaults()
    {
        lock (_faultsLock)
        {
            _faults.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _upstream.Dispose();
    }

    public static RequestKind Classify(string method, string path)
    {
        if (path.StartsWith("/token", StringComparison.Ordinal))
        {
            return RequestKind.Token;
        }

        if (path.StartsWith("/v2/", StringComparison.Ordinal) && path.Contains("/manifests/", StringComparison.Ordinal))
        {
            return method switch
            {
                "HEAD" => RequestKind.HeadManifest,
                "GET" => RequestKind.GetManifest,
                _ => RequestKind.Other,
            };
        }

        return method == "GET" && path.StartsWith("/v2/", StringComparison.Ordinal) && path.Contains("/blobs/sha", StringComparison.Ordinal)
            ? RequestKind.GetBlob
            : RequestKind.Other;
    }

    private ProxyFault? TakeFault(RequestKind kind, string path)
    {
        lock (_faultsLock)
        {
            var index = _faults.FindIndex(f => (f.Kind is null || f.Kind == kind) && (f.PathContains is null || path.Contains(f.PathContains, StringComparison.Ordinal)));
            if (index < 0)
            {
                return null;
            }

            var fault = _faults[index].Fault;
            _faults.RemoveAt(index);
            return fault;
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var now = Interlocked.Increment(ref _inFlight);
        int seen;
        while (now > (seen = _maxConcurrent) && Interlocked.CompareExchange(ref _maxConcurrent, now, seen) != seen)
        {
        }

        try
        {
            if (ResponseDelay > TimeSpan.Zero)
            {
                await Task.Delay(ResponseDelay, context.RequestAborted);
            }

            await ForwardAsync(context);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private async Task ForwardAsync(HttpContext context)
    {
        var request = context.Request;
        var kind = Classify(request.Method, request.Path.Value ?? "");
        var pathAndQuery = request.Path + request.QueryString;
        var fault = TakeFault(kind, request.Path.Value ?? "");
        if (fault is { Mode: ProxyFaultMode.Status or ProxyFaultMode.StallHeaders or ProxyFaultMode.StallErrorBody })
        {
            _requests.Enqueue(new ProxiedRequest(kind, request.Method, pathAndQuery, fault.Status, Injected: true, DateTimeOffset.UtcNow));
            await WriteFaultAsync(context, fault);
            return;
        }

        using var upstreamRequest = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(_target, pathAndQuery));
        if (request.ContentLength > 0 || request.Headers.ContainsKey("Transfer-Encoding"))
        {
            upstreamRequest.Content = new StreamContent(request.Body);
        }

        foreach (var header in request.Headers)
        {
            if (HopHeaders.Contains(header.Key) || header.Key.Equals("Host", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (!upstreamRequest.Headers.TryAddWithoutValidation(header.Key, (IEnumerable<string?>)header.Value))
            {
                upstreamRequest.Content?.Headers.TryAddWithoutValidation(header.Key, (IEnumerable<string?>)header.Value);
            }
        }

        using var response = await _upstream.SendAsync(upstreamRequest, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
        _requests.Enqueue(new ProxiedRequest(kind, request.Method, pathAndQuery, (int)response.StatusCode, Injected: fault is not null, DateTimeOffset.UtcNow));
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var header in response.Headers.Concat(response.Content.Headers))
        {
            if (!HopHeaders.Contains(header.Key))
            {
                context.Response.Headers[header.Key] = header.Value.ToArray();
            }
        }

        foreach (var (name, value) in ExtraResponseHeaders)
        {
            context.Response.Headers[name] = value;
        }

        if (request.Method == "HEAD")
        {
            return;
        }

        var body = await response.Content.ReadAsByteArrayAsync(context.RequestAborted);
        if (CorruptManifestBodies && kind == RequestKind.GetManifest && body.Length > 0)
        {
            body[^1] = body[^1] == (byte)' ' ? (byte)'\n' : (byte)' ';
        }

        if (CorruptBlobBodies && kind == RequestKind.GetBlob && body.Length > 0)
        {
            body[^1] ^= 0x01;
        }

        if (fault is not null)
        {
            await WriteFaultyBodyAsync(context, fault, body);
            return;
        }

        if (OmitContentLength)
        {
            context.Response.Headers.ContentLength = null;
        }
        else
        {
            context.Response.ContentLength = body.Length;
        }

        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }
}

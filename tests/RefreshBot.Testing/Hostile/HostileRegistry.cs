using System.Collections.Concurrent;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace RefreshBot.Testing.Hostile;

/// <summary>One request a <see cref="HostileRegistry"/> received: the address it came in on, and what it carried.</summary>
public sealed record HostileRequest(string LocalAddress, string Method, string PathAndQuery, string? Authorization, string Body);

/// <summary>
/// A registry that lies about where to get tokens: listens on the machine's first non-loopback IPv4 address AND on
/// 127.0.0.1 (same port numbers differ), answers every <c>/v2/</c> request without a bearer token with a <c>401</c> whose
/// <c>WWW-Authenticate</c> realm is whatever the test sets (<see cref="Realm"/>), serves <c>/token</c> (a token for anyone)
/// and <c>/redirect</c> (a 307 to <see cref="RedirectTo"/>), and records every request with its Authorization header and
/// body — so a test can see which address was contacted and whether credentials went with it.
/// </summary>
public sealed class HostileRegistry : IAsyncDisposable
{
    public const string IssuedToken = "hostile-issued-token";
    public const string ManifestDigest = "sha256:4b4b8a4e4f4f4f4f4b4b8a4e4f4f4f4f4b4b8a4e4f4f4f4f4b4b8a4e4f4f4f4f";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<HostileRequest> _requests = new();

    private HostileRegistry(WebApplication app) => _app = app;

    /// <summary>The machine's non-loopback IPv4 address the registry listens on (e.g. 192.0.2.2).</summary>
    public string PublicAddress { get; private set; } = "";

    /// <summary><c>address:port</c> of the registry on the non-loopback address — a registry host that is not loopback.</summary>
    public string PublicHost { get; private set; } = "";

    /// <summary>Base URL on 127.0.0.1 (another host than <see cref="PublicHost"/>, and a private address).</summary>
    public Uri LoopbackUri { get; private set; } = null!;

    /// <summary>Base URL on the non-loopback address.</summary>
    public Uri PublicUri => new("http://" + PublicHost + "/");

    /// <summary>The realm the 401 challenges advertise (any string, even not a URL).</summary>
    public string Realm { get; set; } = "";

    /// <summary>Where <c>/redirect</c> sends a token request.</summary>
    public string RedirectTo { get; set; } = "";

    public IReadOnlyList<HostileRequest> Requests => [.. _requests];

    public static async Task<HostileRegistry> StartAsync(CancellationToken cancellationToken = default)
    {
        var address = NonLoopbackIPv4();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://{address}:0", "http://127.0.0.1:0");
        var app = builder.Build();
        var registry = new HostileRegistry(app);
        app.Run(registry.HandleAsync);
        await app.StartAsync(cancellationToken);
        var urls = app.Urls.Select(u => new Uri(u)).ToList();
        registry.PublicAddress = address.ToString();
        registry.PublicHost = urls.Single(u => u.Host == registry.PublicAddress).Authority;
        registry.LoopbackUri = urls.Single(u => u.Host == "127.0.0.1");
        return registry;
    }

    /// <summary>The first IPv4 address of an interface that is up and not loopback; the test fails without one.</summary>
    public static IPAddress NonLoopbackIPv4() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
        ?? throw new InvalidOperationException("this machine has no non-loopback IPv4 address: the SSRF tests need one to act as a remote registry");

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var request = context.Request;
        var authorization = request.Headers.Authorization.ToString();
        _requests.Enqueue(new HostileRequest(
            context.Connection.LocalIpAddress?.ToString() ?? "", request.Method, request.Path + request.QueryString,
            authorization.Length == 0 ? null : authorization, body));

        var response = context.Response;
        if (request.Path.StartsWithSegments("/v2"))
        {
            if (authorization == "Bearer " + IssuedToken)
            {
                response.Headers["Docker-Content-Digest"] = ManifestDigest;
                response.ContentType = "application/vnd.oci.image.manifest.v1+json";
                response.ContentLength = 2;
                return;
            }

            response.StatusCode = 401;
            response.Headers.WWWAuthenticate = $"Bearer realm=\"{Realm}\",service=\"hostile\"";
            return;
        }

        if (request.Path == "/redirect")
        {
            response.StatusCode = 307;
            response.Headers.Location = RedirectTo;
            return;
        }

        if (request.Path.StartsWithSegments("/token"))
        {
            response.ContentType = "application/json";
            await response.WriteAsync($$"""{"token":"{{IssuedToken}}","expires_in":300}""", context.RequestAborted);
            return;
        }

        response.StatusCode = 404;
    }
}

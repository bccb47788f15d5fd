using System.Net;
using System.Net.Sockets;

namespace RefreshBot.Integration.Tests.GitHub;

/// <summary>
/// Sends the first request matching method + path end to a local port nobody listens on (the kernel really refuses
/// the connection: not one byte of it reached GitHub), then everything on to the real server.
/// </summary>
internal sealed class RefusedOnceHandler(HttpMethod method, string pathEnd) : DelegatingHandler(new SocketsHttpHandler())
{
    private int _refused;

    public int Refused => _refused;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var target = request.RequestUri!;
        if (request.Method != method || !target.AbsolutePath.EndsWith(pathEnd, StringComparison.Ordinal)
            || Interlocked.CompareExchange(ref _refused, 1, 0) != 0)
        {
            return await base.SendAsync(request, cancellationToken);
        }

        request.RequestUri = new UriBuilder(target) { Host = IPAddress.Loopback.ToString(), Port = ClosedPort() }.Uri;
        try
        {
            return await base.SendAsync(request, cancellationToken);
        }
        finally
        {
            request.RequestUri = target;
        }
    }

    /// <summary>A port that was just free: bound, then released.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

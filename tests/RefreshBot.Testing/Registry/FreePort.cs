using System.Net;
using System.Net.Sockets;

namespace RefreshBot.Testing.Registry;

/// <summary>Asks the OS for a free TCP port on 127.0.0.1 (bind to port 0, read it, release it).</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

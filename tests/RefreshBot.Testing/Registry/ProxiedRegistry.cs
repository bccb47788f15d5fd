using RefreshBot.Testing.Images;
using RefreshBot.Testing.Proxy;

namespace RefreshBot.Testing.Registry;

/// <summary>
/// The usual arrangement of a registry test: a real registry, a <see cref="CountingProxy"/> in front of it
/// (point the code under test at <see cref="Host"/>), and an <see cref="ImagePusher"/> that pushes straight
/// to the registry so pushes are not counted.
/// </summary>
public sealed class ProxiedRegistry : IAsyncDisposable
{
    private ProxiedRegistry(RegistryServer registry, CountingProxy proxy, ImagePusher pusher)
    {
        Registry = registry;
        Proxy = proxy;
        Pusher = pusher;
    }

    public RegistryServer Registry { get; }

    public CountingProxy Proxy { get; }

    public ImagePusher Pusher { get; }

    /// <summary>The proxy's <c>127.0.0.1:PORT</c>: the domain to use in image references.</summary>
    public string Host => Proxy.Host;

    public static async Task<ProxiedRegistry> StartAsync(RegistryAuth? auth = null, string? username = null, string? password = null)
    {
        var registry = await RegistryServer.StartAsync(auth);
        try
        {
            var proxy = await CountingProxy.StartAsync(registry.BaseUri);
            return new ProxiedRegistry(registry, proxy, new ImagePusher(registry.BaseUri, username, password));
        }
        catch
        {
            await registry.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Pusher.Dispose();
        await Proxy.DisposeAsync();
        await Registry.DisposeAsync();
    }
}

using RefreshBot.Adapters.Registry;
using RefreshBot.Testing.Registry;

namespace RefreshBot.Integration.Tests.Layers;

/// <summary>Arrangement shared by the layer tests: a real registry behind a counting proxy, and a client with short retries.</summary>
public abstract class ProxiedRegistryClientTests : IAsyncLifetime
{
    protected ProxiedRegistry _registry = null!;
    protected RegistryClient _client = null!;

    public async Task InitializeAsync()
    {
        _registry = await ProxiedRegistry.StartAsync();
        _client = RegistryClient.Create(new RegistryClientOptions { RetryBaseDelay = TimeSpan.FromMilliseconds(5) });
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _registry.DisposeAsync();
    }
}

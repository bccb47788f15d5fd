using RefreshBot.Testing.Registry;

namespace RefreshBot.Integration.Tests.Cli;

/// <summary>
/// The common arrangement of CLI-level tests: a real registry behind a counting proxy and a folder of local git
/// repositories, started before each test and removed after it.
/// </summary>
public abstract class RegistryFleetTest : IAsyncLifetime
{
    protected ProxiedRegistry Registry { get; private set; } = null!;

    protected GitFleet Fleet { get; } = new();

    public virtual async Task InitializeAsync() => Registry = await ProxiedRegistry.StartAsync();

    public virtual async Task DisposeAsync()
    {
        await Registry.DisposeAsync();
        Fleet.Dispose();
    }
}

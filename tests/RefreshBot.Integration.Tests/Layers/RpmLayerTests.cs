using RefreshBot.Adapters.Layers;
using RefreshBot.Adapters.Registry;
using RefreshBot.Domain.References;
using RefreshBot.Integration.Tests.Packages;
using RefreshBot.Testing.Images;
using RefreshBot.Testing.Registry;

namespace RefreshBot.Integration.Tests.Layers;

/// <summary>An rpm SQLite database written by the real rpm, inside a layer, behind Fedora's var/lib/rpm symlink.</summary>
public sealed class RpmLayerTests(RpmDatabaseFixture rpm) : IClassFixture<RpmDatabaseFixture>, IAsyncLifetime
{
    private ProxiedRegistry _registry = null!;
    private RegistryClient _client = null!;

    public async Task InitializeAsync()
    {
        _registry = await ProxiedRegistry.StartAsync();
        _client = RegistryClient.Create(new RegistryClientOptions());
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _registry.DisposeAsync();
    }

    [Fact]
    public async Task The_rpm_database_is_read_through_the_symlink_and_leaves_no_temporary_files()
    {
        var tempRoot = Directory.CreateTempSubdirectory("refreshbot-rpm-temp-").FullName;
        try
        {
            var layer = new LayerBuilder()
                .File("etc/os-release", "ID=fedora\nVERSION_ID=40\n")
                .Symlink("var/lib/rpm", "../../usr/lib/sysimage/rpm")
                .File("usr/lib/sysimage/rpm/rpmdb.sqlite", await File.ReadAllBytesAsync(rpm.DatabasePath))
                .File("usr/lib/sysimage/rpm/Packages", new byte[512]);
            var pushed = await _registry.Pusher.PushLayersAsync("os/fedora", "40", [LayerBlob.Gzip(layer)]);
            var inspector = new LayerInspector(_client, new LayerInspectorOptions { TempRoot = tempRoot });
            var image = new ImageReference(_registry.Host, "os/fedora", null, null);

            var files = await inspector.ReadRemoteFilesAsync(image, pushed.Digest, CancellationToken.None);
            var inventory = await inspector.InspectRemoteAsync(image, pushed.Digest, CancellationToken.None);

            Assert.Equal("usr/lib/sysimage/rpm/rpmdb.sqlite", files.Rpm?.Path);
            Assert.Empty(files.Problems); // an old-format file next to rpmdb.sqlite is not reported
            Assert.Equal("fedora", inventory.Os?.Id);
            Assert.Equal(["refreshbot-demo", "refreshbot-demo-libs", "refreshbot-plain"], inventory.Packages.Select(p => p.Name));
            Assert.Equal("2:1.2.3-4.el9", inventory.Packages[0].Version);
            Assert.Empty(inventory.Problems);
            Assert.Empty(Directory.EnumerateFileSystemEntries(tempRoot));
        }
        finally
        {
            Directory.Delete(tempRoot, recursive: true);
        }
    }
}

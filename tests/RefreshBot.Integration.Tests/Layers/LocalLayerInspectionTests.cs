using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using RefreshBot.Adapters.Layers;
using RefreshBot.Adapters.Registry;
using RefreshBot.Application.Evaluation.Ports;
using RefreshBot.Integration.Tests.Docker;
using RefreshBot.Testing.Images;

namespace RefreshBot.Integration.Tests.Layers;

/// <summary>
/// Local images through the real Docker daemon: an image composed in the test is <c>docker load</c>ed, then read back
/// with <c>docker save</c>; an image built FROM scratch is read too. Fails when docker or dockerd is missing.
/// </summary>
public sealed class LocalLayerInspectionTests : IAsyncLifetime
{
    private readonly string _tag = "refreshbot-layers-test:" + Guid.NewGuid().ToString("N")[..12];
    private string _directory = null!;
    private RegistryClient _client = null!;

    public Task InitializeAsync()
    {
        _directory = Directory.CreateTempSubdirectory("refreshbot-local-layers-").FullName;
        _client = RegistryClient.Create(new RegistryClientOptions());
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        try
        {
            await DockerCli.RunAsync(_directory, "image", "rm", "--force", _tag);
        }
        catch (InvalidOperationException)
        {
            // the test failed before the image existed
        }

        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task A_loaded_image_is_read_through_docker_save_with_every_layer_mechanic()
    {
        var archive = Path.Combine(_directory, "image.tar");
        var layers = new[] { SampleLayers.Base().Tar(), SampleLayers.Upgrade().Tar(), SampleLayers.App().Tar() };
        await File.WriteAllBytesAsync(archive, DockerArchive(_tag, layers));
        await DockerCli.RunAsync(_directory, "load", "--input", archive);
        var id = await DockerCli.RunAsync(_directory, "image", "inspect", "--format", "{{.Id}}", _tag);

        var files = await new LayerInspector(_client).ReadLocalFilesAsync(id, CancellationToken.None);

        SampleLayers.AssertFinal(files);
        Assert.Equal(layers.Select(l => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(l))), files.Layers.Select(d => d.ToString()));
    }

    [Fact]
    public async Task An_image_built_from_scratch_is_read_by_its_id()
    {
        await File.WriteAllTextAsync(Path.Combine(_directory, "status"), SampleLayers.StatusV1);
        await File.WriteAllTextAsync(Path.Combine(_directory, "os-release"), SampleLayers.OsV1);
        await File.WriteAllTextAsync(Path.Combine(_directory, "Dockerfile"),
            "FROM scratch\nCOPY os-release /etc/os-release\nCOPY status /var/lib/dpkg/status\n");
        await DockerCli.RunAsync(_directory, "build", "--quiet", "--tag", _tag, ".");
        var id = await DockerCli.RunAsync(_directory, "image", "inspect", "--format", "{{.Id}}", _tag);

        var files = await new LayerInspector(_client).ReadLocalFilesAsync(id, CancellationToken.None);

        Assert.Equal(SampleLayers.StatusV1, SampleLayers.Text(files.DpkgStatus));
        Assert.Equal(SampleLayers.OsV1, SampleLayers.Text(files.OsRelease));
        Assert.Equal(2, files.Layers.Count);
    }

    [Fact]
    public async Task A_missing_image_is_an_inspection_error_with_dockers_message()
    {
        var e = await Assert.ThrowsAsync<ImageInspectionException>(() =>
            new LayerInspector(_client).ReadLocalFilesAsync(_tag, CancellationToken.None));

        Assert.True(e.Message.Contains("docker save exited with", StringComparison.Ordinal), e.Message);
    }

    [Fact]
    public async Task An_option_instead_of_an_image_id_is_refused_before_running_docker()
    {
        var e = await Assert.ThrowsAsync<ImageInspectionException>(() =>
            new LayerInspector(_client).ReadLocalFilesAsync("--output=/tmp/x", CancellationToken.None));

        Assert.Contains("not an image id", e.Message, StringComparison.Ordinal);
    }

    /// <summary>A <c>docker load</c> archive (manifest.json first, then config and layer tars) for <paramref name="layers"/>.</summary>
    private static byte[] DockerArchive(string tag, IReadOnlyList<byte[]> layers)
    {
        var diffIds = layers.Select(l => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(l))).ToList();
        var config = Encoding.UTF8.GetBytes(new JsonObject
        {
            ["architecture"] = "amd64",
            ["os"] = "linux",
            ["config"] = new JsonObject(),
            ["rootfs"] = new JsonObject { ["type"] = "layers", ["diff_ids"] = new JsonArray([.. diffIds.Select(d => (JsonNode)d)]) },
        }.ToJsonString());
        var configName = Convert.ToHexStringLower(SHA256.HashData(config)) + ".json";
        var layerNames = layers.Select((_, i) => $"layer{i}/layer.tar").ToList();
        var manifest = Encoding.UTF8.GetBytes(new JsonArray(new JsonObject
        {
            ["Config"] = configName,
            ["RepoTags"] = new JsonArray(tag),
            ["Layers"] = new JsonArray([.. layerNames.Select(n => (JsonNode)n)]),
        }).ToJsonString());

        using var output = new MemoryStream();
        using (var writer = new TarWriter(output, TarEntryFormat.Pax, leaveOpen: true))
        {
            void Write(string name, byte[] content) =>
                writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(content), ModificationTime = DateTimeOffset.UnixEpoch });
            Write("manifest.json", manifest);
            Write(configName, config);
            for (var i = 0; i < layers.Count; i++)
            {
                Write(layerNames[i], layers[i]);
            }
        }

        return output.ToArray();
    }
}

using RefreshBot.Adapters.Docker;
using RefreshBot.Application.Evaluation.Ports;
using RefreshBot.Testing.Registry;
using RefreshBot.Testing.RootFs;

namespace RefreshBot.Integration.Tests.Docker;

/// <summary>
/// A real registry holding busybox base images made by <see cref="BaseImageFactory"/> (a dpkg one and an apk one),
/// the builder under test, and build contexts in a temporary directory. Images the tests build are removed at the end.
/// </summary>
public sealed class BuildFixture : IAsyncLifetime
{
    public static readonly IReadOnlyList<BasePackage> DebianPackagesV1 =
        [new("base-files", "12.4+deb12u5"), new("libssl3", "3.0.11-1~deb12u2", "openssl"), new("zlib1g", "1:1.2.13.dfsg-1", "zlib")];

    public static readonly IReadOnlyList<BasePackage> AlpinePackagesV1 =
        [new("musl", "1.2.5-r0"), new("libcrypto3", "3.3.1-r0", "openssl"), new("busybox", "1.36.1-r29")];

    private readonly List<string> _built = [];
    private string _root = null!;

    public RegistryServer Registry { get; private set; } = null!;

    public BaseImage Debian { get; private set; } = null!;

    public BaseImage Alpine { get; private set; } = null!;

    public DockerCliImageBuilder Builder { get; } = new();

    public string Root => _root;

    public async Task InitializeAsync()
    {
        _root = Directory.CreateTempSubdirectory("refreshbot-build-").FullName;
        Registry = await RegistryServer.StartAsync();
        Debian = await BaseImageFactory.CreateDebianLikeAsync(Registry.BaseUri, "base/debianish", "1", DebianPackagesV1);
        Alpine = await BaseImageFactory.CreateAlpineLikeAsync(Registry.BaseUri, "base/alpineish", "1", AlpinePackagesV1);
    }

    public async Task DisposeAsync()
    {
        await Builder.RemoveAsync(_built, CancellationToken.None);
        foreach (var tag in new[] { Debian?.Reference, Alpine?.Reference })
        {
            if (tag is not null)
            {
                await DockerCli.TryRunAsync(_root, "image", "rm", "--force", tag);
            }
        }

        await Registry.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    /// <summary>A fresh build context holding <paramref name="dockerfile"/> as <c>Dockerfile</c>.</summary>
    public string Context(string dockerfile)
    {
        var context = Directory.CreateDirectory(Path.Combine(_root, "ctx-" + Guid.NewGuid().ToString("N")[..12])).FullName;
        File.WriteAllText(Path.Combine(context, "Dockerfile"), dockerfile);
        return context;
    }

    public static BuildRequest Request(
        string context, IReadOnlyDictionary<string, string>? buildArgs = null, TimeSpan? timeout = null,
        long? memoryBytes = null, string? network = null, IReadOnlyList<string>? secrets = null, double? cpus = null) =>
        new(context, "Dockerfile", buildArgs ?? new Dictionary<string, string>(), null, timeout ?? TimeSpan.FromMinutes(2),
            memoryBytes, network, secrets ?? [], cpus);

    /// <summary>Builds and remembers the image for removal at the end.</summary>
    public async Task<BuildResult> BuildAsync(BuildRequest request)
    {
        var result = await Builder.BuildAsync(request, CancellationToken.None);
        if (result.ImageId is not null)
        {
            lock (_built)
            {
                _built.Add(result.ImageId);
            }
        }

        return result;
    }

    /// <summary>True when the daemon still has an image or container by that id.</summary>
    public async Task<bool> ImageExistsAsync(string id) =>
        (await DockerCli.TryRunAsync(_root, "image", "inspect", "--format", "{{.Id}}", id)).ExitCode == 0;
}

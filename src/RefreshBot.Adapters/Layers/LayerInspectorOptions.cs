namespace RefreshBot.Adapters.Layers;

/// <summary>Limits and settings of the <see cref="LayerInspector"/>.</summary>
public sealed record LayerInspectorOptions
{
    /// <summary>Most decompressed bytes read from one layer (a gzip bomb stops here with an error naming the layer).</summary>
    public long MaxLayerBytes { get; init; } = 4L * 1024 * 1024 * 1024;

    /// <summary>Largest interesting file kept in memory (os-release, dpkg status, apk installed, a status.d part).</summary>
    public long MaxFileBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Largest rpm SQLite database copied to a private temporary file to be read.</summary>
    public long MaxRpmDatabaseBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>Memory the per-layer cache may hold (sum of the files each cached layer contributes); 0 turns caching off.</summary>
    public long CacheBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>The docker CLI used for local images (<c>docker save</c>).</summary>
    public string DockerExecutable { get; init; } = "docker";

    /// <summary>The daemon <c>docker save</c> talks to (its <c>DOCKER_HOST</c>); the environment's when null. Must be the
    /// daemon the images were built on.</summary>
    public string? DockerHost { get; init; }

    /// <summary>Where the private temporary directories for rpm databases are made; the system temp directory when null.</summary>
    public string? TempRoot { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the bad setting.</summary>
    public void Validate()
    {
        if (MaxLayerBytes < 1024 || MaxFileBytes < 1 || MaxRpmDatabaseBytes < 1 || CacheBytes < 0)
        {
            throw new ArgumentException("MaxLayerBytes must be >= 1024; MaxFileBytes and MaxRpmDatabaseBytes >= 1; CacheBytes >= 0");
        }

        if (string.IsNullOrWhiteSpace(DockerExecutable))
        {
            throw new ArgumentException("DockerExecutable must name the docker CLI");
        }
    }
}

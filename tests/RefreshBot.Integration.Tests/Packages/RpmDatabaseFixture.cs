namespace RefreshBot.Integration.Tests.Packages;

/// <summary>
/// A real <c>rpmdb.sqlite</c>: two spec files built with <c>rpmbuild</c> (one with an epoch and a
/// subpackage, one noarch without epoch) and recorded with <c>rpm -i --justdb</c> into a fresh database.
/// </summary>
public sealed class RpmDatabaseFixture : IAsyncLifetime
{
    private const string DemoSpec = """
        Name: refreshbot-demo
        Epoch: 2
        Version: 1.2.3
        Release: 4.el9
        Summary: demo
        License: MIT
        BuildArch: x86_64

        %description
        demo

        %package -n refreshbot-demo-libs
        Summary: libs
        %description -n refreshbot-demo-libs
        libs

        %files

        %files -n refreshbot-demo-libs

        """;

    private const string PlainSpec = """
        Name: refreshbot-plain
        Version: 0.9
        Release: 1
        Summary: plain
        License: MIT
        BuildArch: noarch

        %description
        plain

        %files

        """;

    public string Root { get; } = Directory.CreateTempSubdirectory("refreshbot-rpm-").FullName;

    public string DatabaseDirectory => Path.Combine(Root, "db");

    public string DatabasePath => Path.Combine(DatabaseDirectory, "rpmdb.sqlite");

    /// <summary>What <c>rpm -qa</c> itself says: <c>NAME EVR ARCH SOURCERPM</c>, sorted.</summary>
    public IReadOnlyList<string> RpmQueryLines { get; private set; } = [];

    public async Task InitializeAsync()
    {
        var topdir = Path.Combine(Root, "top");
        var rpms = new List<string>();
        foreach (var (name, spec, arch) in new[] { ("demo", DemoSpec, "x86_64"), ("plain", PlainSpec, "noarch") })
        {
            var specPath = Path.Combine(Root, name + ".spec");
            await File.WriteAllTextAsync(specPath, spec);
            await RpmTool.RunAsync("rpmbuild", "-bb", "--nodeps", "--quiet", "--define", $"_topdir {topdir}", specPath);
            rpms.AddRange(Directory.GetFiles(Path.Combine(topdir, "RPMS", arch), "*.rpm"));
        }

        await RpmTool.RunAsync("rpm", "--initdb", "--dbpath", DatabaseDirectory);
        await RpmTool.RunAsync("rpm", ["-i", "--justdb", "--nodeps", "--ignorearch", "--dbpath", DatabaseDirectory, .. rpms.Distinct()]);
        var query = await RpmTool.RunAsync("rpm", "-qa", "--dbpath", DatabaseDirectory, "--qf", "%{NAME} %{EVR} %{ARCH} %{SOURCERPM}\n");
        RpmQueryLines = [.. query.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal)];
    }

    /// <summary>A private copy of the database file alone (as the layer reader makes it), in a fresh directory.</summary>
    public string CopyDatabase()
    {
        var directory = Directory.CreateDirectory(Path.Combine(Root, "copy-" + Guid.NewGuid().ToString("N"))).FullName;
        var copy = Path.Combine(directory, "rpmdb.sqlite");
        File.Copy(DatabasePath, copy);
        return copy;
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Root, recursive: true);
        return Task.CompletedTask;
    }
}

using System.IO.Compression;
using Microsoft.Extensions.Logging;
using RefreshBot.Adapters.Vulnerabilities;
using RefreshBot.Application.Evaluation.Ports;
using RefreshBot.Domain.Packages;
using RefreshBot.Testing.Logging;

namespace RefreshBot.Integration.Tests.Vulnerabilities;

public sealed class OsvDirectorySourceTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("refreshbot-osv-").FullName;
    private readonly CapturingLoggerProvider _logs = new();

    /// <summary>osv.dev's bulk layout: one all.zip per ecosystem, plus loose records and junk the source must survive.</summary>
    [Fact]
    public async Task Bulk_export_layout_with_zips_loose_records_and_broken_files()
    {
        Zip(Path.Combine(_root, "Debian", "all.zip"), OsvVectorFiles.Records("debian"));
        Zip(Path.Combine(_root, "Alpine", "all.zip"), OsvVectorFiles.Records("alpine"));
        Directory.CreateDirectory(Path.Combine(_root, "Ubuntu"));
        File.Copy(Path.Combine(OsvVectorFiles.Records("ubuntu"), "UBUNTU-CVE-2025-38094.json"), Path.Combine(_root, "Ubuntu", "UBUNTU-CVE-2025-38094.json"));
        Directory.CreateDirectory(Path.Combine(_root, "Broken"));
        File.WriteAllText(Path.Combine(_root, "Broken", "half.json"), """{"id":"HALF-1","affected":[{"package":""");
        File.WriteAllText(Path.Combine(_root, "Broken", "all.zip"), "not a zip");
        var source = new OsvDirectorySource(_root, _logs.CreateLogger<OsvDirectorySource>());

        var debian = await source.FindAsync(Inventory("debian", "9",
            new InstalledPackage("libssl1.1", "1.1.0l-1~deb9u1", PackageFormat.Dpkg, "openssl"),
            new InstalledPackage("tzdata", "2021a-0+deb9u1", PackageFormat.Dpkg),
            new InstalledPackage("dpkg", "1.18.26", PackageFormat.Dpkg)), CancellationToken.None);
        Assert.Equal(["DLA-3008-1", "DLA-3051-1"], debian.Select(f => f.Id));
        Assert.Equal(["libssl1.1"], debian[0].BinaryPackages);
        Assert.Equal("2021a-0+deb9u4", debian[1].FixedVersion);

        var alpine = await source.FindAsync(Inventory("alpine", "3.20.3",
            new InstalledPackage("musl", "1.2.5-r0", PackageFormat.Apk, "musl"),
            new InstalledPackage("musl-utils", "1.2.5-r0", PackageFormat.Apk, "musl")), CancellationToken.None);
        var musl = Assert.Single(alpine);
        Assert.Equal(("ALPINE-CVE-2025-26519", "1.2.5-r1"), (musl.Id, musl.FixedVersion));
        Assert.Equal(["musl", "musl-utils"], musl.BinaryPackages);

        Assert.Contains("Indexed OSV export", _logs.AllText, StringComparison.Ordinal);
        Assert.Contains("half.json: not valid JSON", _logs.AllText, StringComparison.Ordinal);
        Assert.Contains("Broken/all.zip: not a readable zip", _logs.AllText.Replace('\\', '/'), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_single_zip_with_ecosystem_folders_inside()
    {
        var zip = Path.Combine(_root, "osv.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            foreach (var file in Directory.EnumerateFiles(OsvVectorFiles.Records("debian")))
            {
                archive.CreateEntryFromFile(file, "Debian/" + Path.GetFileName(file));
            }
        }

        var source = new OsvDirectorySource(zip, _logs.CreateLogger<OsvDirectorySource>());
        var findings = await source.FindAsync(Inventory("debian", "7", new InstalledPackage("nginx-full", "1.2.1-2.2+wheezy2", PackageFormat.Dpkg, "nginx")), CancellationToken.None);
        Assert.Equal("DSA-3029-1", Assert.Single(findings).Id);
    }

    [Fact]
    public async Task Missing_export_is_an_invalid_source_error()
    {
        var source = new OsvDirectorySource(Path.Combine(_root, "nope"), _logs.CreateLogger<OsvDirectorySource>());
        var error = await Assert.ThrowsAsync<VulnerabilitySourceException>(
            () => source.FindAsync(Inventory("debian", "12"), CancellationToken.None));
        Assert.Equal(VulnerabilitySourceErrorKind.Invalid, error.Kind);
    }

    [Fact]
    public async Task Cancellation_is_honoured()
    {
        Zip(Path.Combine(_root, "Debian", "all.zip"), OsvVectorFiles.Records("debian"));
        var source = new OsvDirectorySource(_root, _logs.CreateLogger<OsvDirectorySource>());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => source.FindAsync(Inventory("debian", "9"), new CancellationToken(canceled: true)));
    }

    public void Dispose()
    {
        _logs.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    internal static PackageInventory Inventory(string id, string versionId, params InstalledPackage[] packages)
        => new(new OsRelease(id, versionId, null, [], null), packages, []);

    private static void Zip(string path, string folder)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        ZipFile.CreateFromDirectory(folder, path);
    }
}

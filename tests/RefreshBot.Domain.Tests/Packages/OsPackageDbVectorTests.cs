using System.Text;
using System.Text.Json;
using RefreshBot.Domain.Packages;

namespace RefreshBot.Domain.Tests.Packages;

/// <summary>
/// osv-scalibr's apk/dpkg/opkg extraction expectations (Vectors/os-package-db). apk and dpkg cases go through
/// <see cref="PackageInventoryBuilder"/> exactly as an image's files would; the "include not installed" cases
/// and the opkg cases (same format as dpkg, not read from images) go through <see cref="DpkgStatusParser"/>.
/// </summary>
public sealed class OsPackageDbVectorTests
{
    public static TheoryData<string> Cases() => new(Records().Select(r => r.Key));

    [Fact]
    public void All_cases_are_present() => Assert.Equal(37, Records().Count);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Extraction_matches_scalibr(string key)
    {
        var record = Records()[key];
        var format = record.GetProperty("format").GetString()!;
        var inputFile = record.GetProperty("input_file").GetString()!;
        var osText = record.GetProperty("os_release").GetString()!;
        var expectError = record.GetProperty("expect_error").GetBoolean();
        var includeNotInstalled = record.TryGetProperty("option_include_not_installed", out var incl) && incl.GetBoolean();
        var expected = record.GetProperty("expected_packages").EnumerateArray().ToList();
        var text = PackageVectorFiles.Read(inputFile);

        var statusDirectory = inputFile.StartsWith("dpkg/status.d/", StringComparison.Ordinal);
        var kind = statusDirectory ? DpkgStatusKind.StatusDirectory : DpkgStatusKind.StatusFile;
        var isApk = format == "apk-installed";
        var wanted = Sorted(expected.Select(e => Shape(e, isApk, withStatus: !isApk)));

        if (isApk || (format == "dpkg-status" && !includeNotInstalled))
        {
            // As the layer reader will call it: the image's files by path.
            var path = isApk ? "lib/apk/db/installed"
                : statusDirectory ? "var/lib/dpkg/status.d/" + Path.GetFileName(inputFile)
                : "var/lib/dpkg/status";
            List<PackageDatabaseFile> files = [new(path, PackageVectorFiles.Bytes(inputFile))];
            if (osText.Length > 0)
            {
                files.Add(new("etc/os-release", Encoding.UTF8.GetBytes(osText)));
            }

            var inventory = PackageInventoryBuilder.Build(files);
            Assert.Equal(expectError, inventory.Problems.Count > 0);
            Assert.Equal(Sorted(expected.Select(e => Shape(e, isApk, withStatus: false))), Sorted(inventory.Packages.Select(p => Shape(p, null))));
            Assert.All(inventory.Packages, p => Assert.Equal(isApk ? PackageFormat.Apk : PackageFormat.Dpkg, p.Format));
            AssertOs(osText, inventory.Os, expected, isApk);
            if (isApk || inputFile.EndsWith(".md5sums", StringComparison.Ordinal))
            {
                return; // md5sums files are not package files: the builder ignores them by path
            }
        }

        // The dpkg-format parser itself, with each entry's Status (not part of InstalledPackage).
        var read = DpkgStatusParser.Parse(text, kind, includeNotInstalled);
        Assert.Equal(expectError, read.Problems.Count > 0);
        Assert.Equal(wanted, Sorted(read.Entries.Select(e => Shape(e.ToInstalledPackage(), e.Status))));
        AssertOs(osText, osText.Length > 0 ? OsReleaseParser.Parse(osText) : null, expected, isApk);
    }

    private static List<string> Sorted(IEnumerable<string> shapes) => [.. shapes.Order(StringComparer.Ordinal)];

    private static void AssertOs(string osText, OsRelease? os, List<JsonElement> expected, bool isApk)
    {
        if (osText.Length == 0)
        {
            Assert.Null(os);
            return;
        }

        Assert.NotNull(os);
        if (expected.Count == 0)
        {
            return; // nothing to compare the os-release fields with
        }

        var first = expected[0];
        // ID absent: os-release(5) default "linux" (scalibr leaves it empty).
        Assert.Equal(Text(first, "os_id") ?? OsReleaseParser.DefaultId, os.Id);
        Assert.Equal(Text(first, "os_version_id"), os.VersionId);
        if (!isApk)
        {
            Assert.Equal(Text(first, "os_version_codename"), os.VersionCodename);
        }
    }

    /// <summary>One comparable line per package: name, version, source name and version, architecture, status.</summary>
    private static string Shape(InstalledPackage p, string? status)
        => $"{p.Name}|{p.Version}|{p.SourceName}|{p.SourceVersion}|{p.Architecture}|{status}";

    private static string Shape(JsonElement e, bool isApk, bool withStatus)
    {
        var name = e.GetProperty("name").GetString()!;
        var source = isApk ? Text(e, "origin") : Text(e, "source_name");
        var status = withStatus ? Text(e, "status") : null;
        return $"{name}|{e.GetProperty("version").GetString()}|{(source == name ? null : source)}|{Text(e, "source_version")}|{Text(e, "architecture")}|{status}";
    }

    private static string? Text(JsonElement e, string property)
        => e.TryGetProperty(property, out var value) && value.GetString() is { Length: > 0 } s ? s : null;

    private static Dictionary<string, JsonElement> Records()
    {
        var records = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var lines = PackageVectorFiles.Read("extract-expectations.jsonl").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < lines.Length; i++)
        {
            var record = JsonDocument.Parse(lines[i]).RootElement;
            records[$"{i + 1:00} {record.GetProperty("format").GetString()} {record.GetProperty("case").GetString()}"] = record;
        }

        return records;
    }
}

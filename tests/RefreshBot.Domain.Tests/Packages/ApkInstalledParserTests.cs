using RefreshBot.Domain.Packages;

namespace RefreshBot.Domain.Tests.Packages;

public sealed class ApkInstalledParserTests
{
    [Fact]
    public void Reads_records_with_origin_as_source()
    {
        var read = ApkInstalledParser.Parse("C:Q1abc=\nP:libssl3\nV:3.1.4-r1\nA:aarch64\no:openssl\nF:usr/lib\nR:libssl.so.3\n\n\n\nP:musl\nV:1.2.4-r2\no:musl\n");

        Assert.Empty(read.Problems);
        Assert.Equal(
            [
                new InstalledPackage("libssl3", "3.1.4-r1", PackageFormat.Apk, "openssl", null, "aarch64"),
                new InstalledPackage("musl", "1.2.4-r2", PackageFormat.Apk),
            ],
            read.Packages);
    }

    [Fact]
    public void Bad_records_are_reported_good_ones_kept()
    {
        var read = ApkInstalledParser.Parse($"P:a\nV:1\nnonsense\n\nP:{new string('x', 5000)}\nV:1\n\nV:2\n\nP:ok\nV:3\n");

        Assert.Equal(["ok"], read.Packages.Select(p => p.Name));
        Assert.Equal(2, read.Problems.Count);
        Assert.StartsWith("line 3:", read.Problems[0], StringComparison.Ordinal);
        Assert.StartsWith("line 5: P: value longer", read.Problems[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Random_bytes_never_throw_and_keep_the_package_cap()
    {
        var limits = new PackageInventoryLimits { MaxPackages = 5 };
        var many = string.Concat(Enumerable.Range(0, 50).Select(i => $"P:p{i}\nV:1\n\n"));
        var capped = ApkInstalledParser.Parse(many, limits);
        Assert.Equal(5, capped.Packages.Count);
        Assert.Contains("more than 5 packages", Assert.Single(capped.Problems), StringComparison.Ordinal);

        var random = new Random(7);
        for (var i = 0; i < 200; i++)
        {
            var bytes = new byte[random.Next(0, 2000)];
            random.NextBytes(bytes);
            var read = ApkInstalledParser.Parse(System.Text.Encoding.Latin1.GetString(bytes));
            Assert.All(read.Packages, p => Assert.DoesNotContain(p.Name + p.Version, char.IsControl));
        }
    }
}

using RefreshBot.Domain.Packages;

namespace RefreshBot.Domain.Tests.Packages;

public sealed class DpkgStatusParserTests
{
    private const string Stanzas = """
        Package: libssl3
        status: install ok installed
        Architecture: amd64
        SOURCE: openssl (3.0.11-1~deb12u2)
        Version: 3.0.11-1~deb12u2+b1
        Description: Secure Sockets Layer toolkit
         This package is part of the OpenSSL project's implementation
         .
         of the SSL and TLS protocols.
        Conffiles:
         /etc/ssl/openssl.cnf 1234 obsolete

        Package: zlib1g
        Status: install ok installed
        Source: zlib
        Version: 1:1.2.13.dfsg-1
        Architecture: amd64

        Package: gone
        Status: deinstall ok config-files
        Version: 1.0
        """;

    [Fact]
    public void Reads_fields_case_insensitively_skipping_continuations_and_removed_packages()
    {
        var read = DpkgStatusParser.Parse(Stanzas.Replace("\n", "\r\n"));

        Assert.Empty(read.Problems);
        Assert.Equal(
            [
                new InstalledPackage("libssl3", "3.0.11-1~deb12u2+b1", PackageFormat.Dpkg, "openssl", "3.0.11-1~deb12u2", "amd64"),
                new InstalledPackage("zlib1g", "1:1.2.13.dfsg-1", PackageFormat.Dpkg, "zlib", null, "amd64"),
            ],
            read.Packages);
        Assert.Equal("install ok installed", read.Entries[0].Status);
    }

    [Theory]
    [InlineData("Source: same (1.0)", null, null)]
    [InlineData("Source: other (1.0)", "other", null)]
    [InlineData("Source: other (0.9)", "other", "0.9")]
    [InlineData("Source: other (0.9", "other", "0.9")]
    [InlineData("Source:", null, null)]
    public void Source_forms(string line, string? name, string? version)
    {
        var entry = Assert.Single(DpkgStatusParser.Parse($"Package: same\nVersion: 1.0\n{line}\n", DpkgStatusKind.StatusDirectory).Entries);

        Assert.Equal(name, entry.SourceName);
        Assert.Equal(version, entry.SourceVersion);
    }

    [Theory]
    [InlineData("install ok installed", true)]
    [InlineData("hold ok installed", true)]
    [InlineData("deinstall ok config-files", false)]
    [InlineData("install reinstreq half-installed", false)]
    [InlineData("install ok unpacked", false)]
    [InlineData("purge ok not-installed", false)]
    public void Only_the_installed_state_counts(string status, bool installed)
    {
        var read = DpkgStatusParser.Parse($"Package: p\nStatus: {status}\nVersion: 1\n");

        Assert.Equal(installed ? 1 : 0, read.Entries.Count);
    }

    [Fact]
    public void A_malformed_stanza_is_skipped_and_reported_the_others_kept()
    {
        var read = DpkgStatusParser.Parse("Package: a\nVersion: 1\nnot a field\n\n Package: orphan continuation\n\nPackage: b\nVersion: 2\n", DpkgStatusKind.StatusDirectory);

        Assert.Equal(["b"], read.Entries.Select(e => e.Name));
        Assert.Equal(["line 3: expected 'Field: value'", "line 5: continuation line outside a field"], read.Problems);
    }

    [Fact]
    public void Huge_and_binary_values_are_reported_not_kept()
    {
        var text = $"Package: {new string('a', 10_000)}\nVersion: 1\n\nPackage: b\nVersion: 1\u0000\u0007\n\nPackage: c\nVersion: 3\n";

        var read = DpkgStatusParser.Parse(text, DpkgStatusKind.StatusDirectory);

        Assert.Equal(["c"], read.Entries.Select(e => e.Name));
        Assert.Equal(2, read.Problems.Count);
        Assert.Contains("longer than 4096", read.Problems[0], StringComparison.Ordinal);
        Assert.Contains("control", read.Problems[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Package_and_problem_counts_are_capped()
    {
        var limits = new PackageInventoryLimits { MaxPackages = 3, MaxProblems = 2 };
        var good = string.Concat(Enumerable.Range(0, 10).Select(i => $"Package: p{i}\nVersion: 1\n\n"));
        var bad = string.Concat(Enumerable.Range(0, 10).Select(_ => "junk\n\n"));

        var read = DpkgStatusParser.Parse(bad + good, DpkgStatusKind.StatusDirectory, limits: limits);

        Assert.Equal(["p0", "p1", "p2"], read.Entries.Select(e => e.Name));
        Assert.Equal(3, read.Problems.Count);
        Assert.Equal("9 more problem(s) not shown", read.Problems[^1]);
    }

    [Fact]
    public void Random_bytes_never_throw()
    {
        var random = new Random(4);
        for (var i = 0; i < 200; i++)
        {
            var bytes = new byte[random.Next(0, 2000)];
            random.NextBytes(bytes);
            var text = System.Text.Encoding.UTF8.GetString(bytes);

            var read = DpkgStatusParser.Parse(text, DpkgStatusKind.StatusDirectory);

            Assert.All(read.Entries, e => Assert.False(string.IsNullOrWhiteSpace(e.Name)));
        }
    }
}

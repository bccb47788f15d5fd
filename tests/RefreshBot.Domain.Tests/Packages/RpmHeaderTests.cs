using RefreshBot.Domain.Packages;

namespace RefreshBot.Domain.Tests.Packages;

/// <summary>rpm header parsing over blobs written from the documented format (the real rpm database is tested in the integration tests).</summary>
public sealed class RpmHeaderTests
{
    [Fact]
    public void Reads_identity_tags_and_ignores_others()
    {
        var blob = new RpmHeaderBlob()
            .String(1004, "Summary text", RpmHeader.TypeI18nString)
            .String(RpmHeader.TagName, "openssl-libs")
            .Int32(RpmHeader.TagEpoch, 1)
            .String(RpmHeader.TagVersion, "3.0.7")
            .String(RpmHeader.TagRelease, "27.el9")
            .String(RpmHeader.TagArch, "x86_64")
            .String(RpmHeader.TagSourceRpm, "openssl-3.0.7-27.el9.src.rpm")
            .ToArray();

        Assert.True(RpmHeader.TryParse(blob, out var header, out var problem), problem);
        Assert.Equal(new RpmHeader("openssl-libs", "3.0.7", "27.el9", 1, "x86_64", "openssl-3.0.7-27.el9.src.rpm"), header);
        Assert.Equal(
            new InstalledPackage("openssl-libs", "1:3.0.7-27.el9", PackageFormat.Rpm, "openssl", null, "x86_64"),
            header.ToInstalledPackage());
    }

    [Fact]
    public void Without_epoch_the_version_is_version_release_and_the_magic_is_skipped()
    {
        byte[] magic = [0x8e, 0xad, 0xe8, 0x01, 0, 0, 0, 0];
        var blob = magic.Concat(RpmHeaderBlob.Package("bash", "5.1.8", "9.el9").String(RpmHeader.TagSourceRpm, "bash-5.1.8-6.el9.src.rpm").ToArray()).ToArray();

        Assert.True(RpmHeader.TryParse(blob, out var header, out _));
        Assert.Equal(new InstalledPackage("bash", "5.1.8-9.el9", PackageFormat.Rpm, null, "5.1.8-6.el9", null), header.ToInstalledPackage());
    }

    [Theory]
    [InlineData("glibc-2.34-100.el9.src.rpm", "glibc", "2.34-100.el9")]
    [InlineData("foo-bar-1.0-1.nosrc.rpm", "foo-bar", "1.0-1")]
    [InlineData("nodashes.src.rpm", null, null)]
    [InlineData("glibc-2.34-100.el9.rpm", null, null)]
    public void Source_rpm_names(string sourceRpm, string? name, string? version)
        => Assert.Equal((name, version), RpmHeader.SplitSourceRpm(sourceRpm));

    public static TheoryData<string, byte[]> Malformed()
    {
        var good = RpmHeaderBlob.Package("a", "1", "1").ToArray();
        var data = new TheoryData<string, byte[]>
        {
            { "truncated", [0, 0, 0] },
            { "truncated", good[..^1] },
            { "not an rpm header", [0x7f, 0xff, 0xff, 0xff, 0, 0, 0, 0] },
            { "not an rpm header", [0, 0, 0, 1, 0xff, 0xff, 0xff, 0xff] },
            { "outside the data store", RpmHeaderBlob.Package("a", "1", "1").Raw(RpmHeader.TagArch, RpmHeader.TypeString, 9999, 1).ToArray() },
            { "outside the data store", RpmHeaderBlob.Package("a", "1", "1").Raw(RpmHeader.TagArch, RpmHeader.TypeString, -4, 1).ToArray() },
            { "not a string", RpmHeaderBlob.Package("a", "1", "1").Raw(RpmHeader.TagArch, 7, 0, 1).ToArray() },
            { "INT32", RpmHeaderBlob.Package("a", "1", "1").Raw(RpmHeader.TagEpoch, RpmHeader.TypeInt32, 4, 1).ToArray() },
            { "no NAME", new RpmHeaderBlob().String(RpmHeader.TagVersion, "1").String(RpmHeader.TagRelease, "1").ToArray() },
            { "longer than", RpmHeaderBlob.Package(new string('n', 20_000), "1", "1").ToArray() },
            { "control", RpmHeaderBlob.Package("a\u0001b", "1", "1").ToArray() },
        };

        // A string whose terminator is cut off by the declared data length.
        var unterminated = RpmHeaderBlob.Package("a", "1", "1").ToArray();
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(unterminated.AsSpan(4), unterminated.Length - 8 - (3 * 16) - 1);
        data.Add("not terminated", unterminated[..^1]);
        return data;
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Malformed_headers_are_problems(string expected, byte[] blob)
    {
        Assert.False(RpmHeader.TryParse(blob, out var header, out var problem));
        Assert.Null(header);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_truncation_and_random_bytes_never_throw()
    {
        var blob = RpmHeaderBlob.Package("zlib", "1.2.11", "40.el9").String(RpmHeader.TagArch, "x86_64").ToArray();
        for (var length = 0; length < blob.Length; length++)
        {
            Assert.False(RpmHeader.TryParse(blob.AsSpan(0, length), out _, out var problem));
            Assert.NotNull(problem);
        }

        var random = new Random(1044);
        for (var i = 0; i < 500; i++)
        {
            var bytes = new byte[random.Next(0, 512)];
            random.NextBytes(bytes);
            if (RpmHeader.TryParse(bytes, out var header, out _))
            {
                Assert.NotEmpty(header.Name);
            }
        }
    }
}

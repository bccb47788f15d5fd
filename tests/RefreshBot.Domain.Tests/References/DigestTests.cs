using System.Text;
using RefreshBot.Domain.References;

namespace RefreshBot.Domain.Tests.References;

public sealed class DigestTests
{
    // SHA-256 / SHA-512 of the empty string and of "abc" (FIPS 180-2 examples).
    private const string EmptySha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private const string AbcSha256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    private const string AbcSha512 = "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f";

    [Fact]
    public void Sha256Of_hashes_bytes()
    {
        Assert.Equal("sha256:" + EmptySha256, Digest.Sha256Of([]).ToString());
        Assert.Equal("sha256:" + AbcSha256, Digest.Sha256Of("abc"u8).ToString());
    }

    [Fact]
    public void Matches_sha256_and_sha512()
    {
        Assert.True(Digest.Parse("sha256:" + AbcSha256).Matches("abc"u8));
        Assert.False(Digest.Parse("sha256:" + AbcSha256).Matches("abd"u8));
        Assert.True(Digest.Parse("sha512:" + AbcSha512).Matches("abc"u8));
        Assert.False(Digest.Parse("sha512:" + AbcSha512).Matches(Encoding.ASCII.GetBytes("abc ")));
        Assert.Equal("sha512:" + AbcSha512, Digest.Sha512Of("abc"u8).ToString());
    }

    [Fact]
    public void Matches_is_false_for_an_algorithm_it_cannot_compute()
        => Assert.False(new Digest("blake3", EmptySha256).Matches([]));

    [Theory]
    [InlineData("", "digest is empty")]
    [InlineData("sha256", "expected algorithm:encoded")]
    [InlineData(":" + EmptySha256, "algorithm before ':' is missing")]
    [InlineData("sha256:", "encoded hash after ':' is missing")]
    [InlineData("SHA256:" + EmptySha256, "may only contain lowercase letters")]
    [InlineData("sha256+foo+-b:" + EmptySha256, "separator '-' at position 12")]
    [InlineData("sha256:E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855", "must be lowercase hex, found 'E' at position 8")]
    [InlineData("sha256:abc", "sha256 needs 64 hex characters, found 3")]
    [InlineData("sha512:" + EmptySha256, "sha512 needs 128 hex characters, found 64")]
    [InlineData("sha256:" + EmptySha256 + "!", "encoded hash contains '!'")]
    [InlineData("blake3:" + EmptySha256, "unsupported digest algorithm \"blake3\"")]
    [InlineData("sha256+b64u:LCa0a2j_xo_5m0U8HTBBNBNCLXBkg7-g-YpeiGJm564", "unsupported digest algorithm")]
    public void Rejects_with_a_reason(string text, string expected)
    {
        Assert.False(Digest.TryParse(text, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Equal(error, Assert.Throws<FormatException>(() => Digest.Parse(text)).Message);
    }

    [Fact]
    public void Round_trips()
    {
        var digest = Digest.Parse("sha256:" + EmptySha256);
        Assert.Equal("sha256", digest.Algorithm);
        Assert.Equal(EmptySha256, digest.Encoded);
        Assert.Equal(digest, Digest.Parse(digest.ToString()));
    }
}

using RefreshBot.Domain.References;

namespace RefreshBot.Domain.Tests.References;

public sealed class ImageReferenceTests
{
    private const string Hex64 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    [Theory]
    [InlineData("node", "docker.io", "library/node", null, "node", "docker.io/library/node")]
    [InlineData("node:18-alpine", "docker.io", "library/node", "18-alpine", "node", "docker.io/library/node:18-alpine")]
    [InlineData("grafana/grafana:10.0.0", "docker.io", "grafana/grafana", "10.0.0", "grafana/grafana", "docker.io/grafana/grafana:10.0.0")]
    [InlineData("index.docker.io/library/node", "docker.io", "library/node", null, "node", "docker.io/library/node")]
    [InlineData("ghcr.io/org/app:1", "ghcr.io", "org/app", "1", "ghcr.io/org/app", "ghcr.io/org/app:1")]
    [InlineData("localhost:5000/team/base", "localhost:5000", "team/base", null, "localhost:5000/team/base", "localhost:5000/team/base")]
    [InlineData("[::1]:5000/repo:v1", "[::1]:5000", "repo", "v1", "[::1]:5000/repo", "[::1]:5000/repo:v1")]
    public void Parses_and_normalizes(string text, string domain, string path, string? tag, string familiarName, string full)
    {
        var reference = ImageReference.Parse(text);
        Assert.Equal(domain, reference.Domain);
        Assert.Equal(path, reference.Path);
        Assert.Equal(tag, reference.Tag);
        Assert.Equal(familiarName, reference.FamiliarName);
        Assert.Equal(full, reference.ToString());
    }

    [Fact]
    public void Latest_is_a_default_not_part_of_the_parsed_reference()
    {
        var untagged = ImageReference.Parse("node");
        Assert.Null(untagged.Tag);
        Assert.Equal("latest", untagged.TagOrDefault);
        Assert.Equal("latest", untagged.ManifestReference);
        Assert.Equal("node", untagged.FamiliarString);

        var pinned = ImageReference.Parse("node@sha256:" + Hex64);
        Assert.Null(pinned.TagOrDefault);
        Assert.Equal("sha256:" + Hex64, pinned.ManifestReference);

        var both = ImageReference.Parse("node:18@sha256:" + Hex64);
        Assert.Equal("18", both.TagOrDefault);
        Assert.Equal("sha256:" + Hex64, both.ManifestReference);
        Assert.Equal("node:18@sha256:" + Hex64, both.FamiliarString);
    }

    [Theory]
    [InlineData("", "at least one component")]
    [InlineData("Node:18", "must be lowercase: found 'N' at position 1")]
    [InlineData("grafana/Grafana", "must be lowercase: found 'G' at position 9")]
    [InlineData("node:", "empty tag after ':' at position 5")]
    [InlineData("node:-x", "must start with a letter, digit or '_', found '-' at position 6")]
    [InlineData("node:1 2", "unexpected ' ' at position 7")]
    [InlineData("node@sha256:abc", "invalid checksum digest length")]
    [InlineData("node@md5:d41d8cd98f00b204e9800998ecf8427e", "unsupported digest algorithm \"md5\"")]
    [InlineData("my_registry.com/app", "registry \"my_registry.com\" (before the first '/') is not a valid host[:port]")]
    [InlineData("registry.example:http/app", "is not a valid host[:port]")]
    [InlineData("team//app", "unexpected '/' at position 6")]
    [InlineData("team/app-", "unexpected end of input at position 10")]
    [InlineData("${IMAGE}", "unexpected '$' at position 1")]
    [InlineData(Hex64, "image ID")]
    public void Errors_say_what_and_where(string text, string expected)
    {
        Assert.False(ImageReference.TryParse(text, out var reference, out var error));
        Assert.Null(reference);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        var thrown = Assert.Throws<FormatException>(() => ImageReference.Parse(text));
        Assert.Equal(error, thrown.Message);
    }

    [Fact]
    public void Error_names_the_input()
    {
        ImageReference.TryParse("Node:18", out _, out var error);
        Assert.StartsWith("invalid image reference \"Node:18\": ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Path_limit_counts_the_library_prefix()
    {
        var name247 = new string('a', 247);
        Assert.True(ImageReference.TryParse(name247, out var ok, out _));
        Assert.Equal(255, ok!.Path.Length);
        Assert.False(ImageReference.TryParse(name247 + "a", out _, out var error));
        Assert.Contains("must not be more than 255 characters (path is 256)", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Tag_limit_is_128()
    {
        Assert.True(ImageReference.TryParse("a:" + new string('t', 128), out _, out _));
        Assert.False(ImageReference.TryParse("a:" + new string('t', 129), out _, out var error));
        Assert.Contains("limit is 128", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Sha512_pins_are_accepted()
    {
        var reference = ImageReference.Parse("alpine@sha512:" + new string('f', 128));
        Assert.Equal("sha512", reference.Digest!.Value.Algorithm);
    }

    [Fact]
    public void With_replaces_tag_and_digest_and_rejects_a_bad_tag()
    {
        var reference = ImageReference.Parse("docker.io/library/node:18");
        var digest = Digest.Parse("sha256:" + Hex64);
        Assert.Equal("docker.io/library/node:20@sha256:" + Hex64, reference.With("20", digest).ToString());
        Assert.Equal("docker.io/library/node", reference.With(null, null).ToString());
        Assert.Throws<ArgumentException>(() => reference.With("bad tag", null));
    }

    [Fact]
    public void Equal_references_compare_equal()
    {
        Assert.Equal(ImageReference.Parse("node:18"), ImageReference.Parse("docker.io/library/node:18"));
        Assert.NotEqual(ImageReference.Parse("node:18"), ImageReference.Parse("node:20"));
    }
}

using RefreshBot.Domain.Manifests;
using RefreshBot.Domain.Platforms;
using RefreshBot.Domain.References;
using static RefreshBot.Domain.Tests.Manifests.ManifestVectors;

namespace RefreshBot.Domain.Tests.Manifests;

/// <summary>Real registry documents and OCI spec examples (Vectors/registry-manifests).</summary>
public sealed class RegistryDocumentTests
{
    public static TheoryData<string, string, string, long> Rows() => DigestRows();

    [Theory]
    [MemberData(nameof(Rows))]
    public void Content_digest_matches_the_upstream_digest(string file, string mediaType, string sha256, long bytes)
    {
        var content = File.ReadAllBytes(Path.Combine(Root, file));
        Assert.Equal(bytes, content.LongLength);
        Assert.Equal(sha256, Digest.Sha256Of(content).ToString());
        Assert.True(Digest.Parse(sha256).Matches(content), mediaType);
        content[^2] ^= 0x01;
        Assert.False(Digest.Parse(sha256).Matches(content));
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void Documents_dispatch_on_media_type(string file, string mediaType, string sha256, long bytes)
    {
        _ = (sha256, bytes);
        var content = File.ReadAllBytes(Path.Combine(Root, file));
        var ok = ManifestDocument.TryParse(mediaType, content, out var document, out var error);
        if (ManifestMediaTypes.IsIndex(mediaType))
        {
            Assert.True(ok, error);
            Assert.IsType<ImageIndex>(document);
            Assert.Equal(mediaType, document!.MediaType);
        }
        else if (ManifestMediaTypes.IsImageManifest(mediaType))
        {
            Assert.True(ok, error);
            var manifest = Assert.IsType<ImageManifest>(document);
            Assert.Equal(mediaType, manifest.MediaType);
            Assert.NotEmpty(manifest.Layers);
        }
        else
        {
            // Configs, descriptors, layout headers: not manifests.
            Assert.False(ok);
            Assert.Contains($"unsupported media type \"{mediaType}\"", error, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("linux/amd64", "sha256:9c4bf7dbb981591d4a1169138471afe4bf5ff5418841d00e30a7ba372e38d6c1")]
    [InlineData("linux/x86_64", "sha256:9c4bf7dbb981591d4a1169138471afe4bf5ff5418841d00e30a7ba372e38d6c1")]
    [InlineData("linux/arm64", "sha256:e9db911767094e469f17f162c743cb9972525ee5b468db7d77854806bd740ad3")]
    [InlineData("linux/arm", "sha256:85ed41b4795e1f189e97687bec8f93ac2a62f895c52da4d32711e166536f5f9b")]
    [InlineData("linux/armhf", "sha256:85ed41b4795e1f189e97687bec8f93ac2a62f895c52da4d32711e166536f5f9b")]
    [InlineData("linux/i386", "sha256:14e19b2e2d1d6c56ac97339c2deeca024103e632b97a6181cf8cbfc988d4e2f6")]
    [InlineData("linux/s390x", "sha256:321ce859e4af2419e03a3328f2ddf6c5fbca611a3f340f13f07b5e74b9f4bbb1")]
    public void Picks_the_platform_entry_from_the_ubuntu_manifest_list(string platform, string expected)
    {
        var index = Assert.IsType<ImageIndex>(ManifestDocument.Parse(
            ManifestMediaTypes.DockerManifestList, Document("dockerhub-ubuntu-17.10-manifest-list-v2.json")));
        var entry = index.SelectPlatform(Platform.Parse(platform));
        Assert.NotNull(entry);
        Assert.Equal(expected, entry.Descriptor.Digest.ToString());
        Assert.Equal(ManifestMediaTypes.DockerManifest, entry.Descriptor.MediaType);
    }

    [Fact]
    public void The_amd64_child_hashes_to_the_digest_the_list_names()
    {
        var index = (ImageIndex)ManifestDocument.Parse(
            ManifestMediaTypes.DockerManifestList, Document("dockerhub-ubuntu-17.10-manifest-list-v2.json"));
        var entry = index.SelectPlatform(Platform.LinuxAmd64)!;

        var child = Document("dockerhub-ubuntu-17.10-amd64-manifest-v2s2.json");
        Assert.True(entry.Descriptor.Digest.Matches(child));
        Assert.Equal(entry.Descriptor.Size, child.LongLength);

        var manifest = Assert.IsType<ImageManifest>(ManifestDocument.Parse(entry.Descriptor.MediaType, child));
        Assert.Equal("application/vnd.docker.container.image.v1+json", manifest.Config.MediaType);
        Assert.All(manifest.Layers, l => Assert.Equal("application/vnd.docker.image.rootfs.diff.tar.gzip", l.MediaType));

        // A different platform's entry does not verify these bytes.
        Assert.False(index.SelectPlatform(Platform.Parse("linux/arm64"))!.Descriptor.Digest.Matches(child));
    }

    [Fact]
    public void Missing_platform_lists_what_is_available()
    {
        var index = (ImageIndex)ManifestDocument.Parse(
            ManifestMediaTypes.DockerManifestList, Document("dockerhub-ubuntu-17.10-manifest-list-v2.json"));
        var wanted = Platform.Parse("linux/arm/v6");
        Assert.Null(index.SelectPlatform(wanted));
        Assert.Equal(
            "no manifest for linux/arm/v6 in the index; available: linux/amd64, linux/arm/v7, linux/arm64/v8, linux/386, linux/ppc64le, linux/s390x",
            index.DescribeMissingPlatform(wanted));
    }

    [Fact]
    public void The_image_spec_manifest_list_is_read_entry_by_entry()
    {
        var index = (ImageIndex)ManifestDocument.Parse(
            ManifestMediaTypes.DockerManifestList, Document("image-spec-compat-docker-manifest-list-v2-0.json"));
        Assert.Equal(5, index.Manifests.Count);
        var amd64 = index.SelectPlatform(Platform.LinuxAmd64)!;
        Assert.Equal(1922, amd64.Descriptor.Size);
        Assert.Equal("ppc64le", index.Manifests[0].Platform!.Architecture);
        Assert.Equal(2090, index.SelectPlatform(Platform.Parse("linux/arm64"))!.Descriptor.Size);
        Assert.Equal(2084, index.SelectPlatform(Platform.Parse("linux/arm/v7"))!.Descriptor.Size);
    }

    [Fact]
    public void Nested_index_entries_without_platform_are_kept_but_never_selected()
    {
        var index = (ImageIndex)ManifestDocument.Parse(ManifestMediaTypes.OciIndex, Document("image-spec-example-image-index-1.json"));
        Assert.Equal(2, index.Manifests.Count);
        Assert.Null(index.Manifests[1].Platform);
        Assert.Equal(ManifestMediaTypes.OciIndex, index.Manifests[1].Descriptor.MediaType);
        Assert.Null(index.SelectPlatform(Platform.LinuxAmd64));
        Assert.Equal("value1", index.Annotations["com.example.key1"]);
    }

    [Fact]
    public void Oci_manifest_example_with_subject_and_artifact_fields()
    {
        var manifest = (ImageManifest)ManifestDocument.Parse(ManifestMediaTypes.OciManifest, Document("image-spec-example-manifest-0.json"));
        Assert.Equal(ManifestMediaTypes.OciManifest, manifest.MediaType);
        Assert.Equal(3, manifest.Layers.Count);
        Assert.Equal(7023, manifest.Config.Size);
    }
}

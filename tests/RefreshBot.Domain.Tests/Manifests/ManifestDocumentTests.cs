using System.Text;
using RefreshBot.Domain.Manifests;
using RefreshBot.Domain.Platforms;

namespace RefreshBot.Domain.Tests.Manifests;

public sealed class ManifestDocumentTests
{
    private const string D1 = "sha256:1111111111111111111111111111111111111111111111111111111111111111";
    private const string D2 = "sha256:2222222222222222222222222222222222222222222222222222222222222222";
    private const string D3 = "sha256:3333333333333333333333333333333333333333333333333333333333333333";

    // Shape of a BuildKit-pushed index with provenance attestations.
    private static readonly string BuildKitIndex = $$$"""
        {"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[
          {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"{{{D1}}}","size":100,"platform":{"architecture":"amd64","os":"linux"}},
          {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"{{{D2}}}","size":200,"platform":{"architecture":"arm64","os":"linux","variant":"v8"}},
          {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"{{{D3}}}","size":300,"platform":{"architecture":"unknown","os":"unknown"},
           "annotations":{"vnd.docker.reference.digest":"{{{D1}}}","vnd.docker.reference.type":"attestation-manifest"}}
        ]}
        """;

    private static bool TryParse(string mediaType, string json, out ManifestDocument? document, out string? error)
        => ManifestDocument.TryParse(mediaType, Encoding.UTF8.GetBytes(json), out document, out error);

    [Fact]
    public void Attestation_manifests_are_kept_out_of_selection()
    {
        Assert.True(TryParse(ManifestMediaTypes.OciIndex, BuildKitIndex, out var document, out var error), error);
        var index = Assert.IsType<ImageIndex>(document);
        Assert.Equal(2, index.Manifests.Count);
        var attestation = Assert.Single(index.Attestations);
        Assert.Equal(D3, attestation.Descriptor.Digest.ToString());
        Assert.Null(index.SelectPlatform(new Platform("unknown", "unknown")));
        Assert.Equal(D2, index.SelectPlatform(Platform.Parse("linux/arm64"))!.Descriptor.Digest.ToString());
    }

    [Fact]
    public void Windows_entries_carry_os_version_and_features()
    {
        var json = $$$"""
            {"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.list.v2+json","manifests":[
              {"mediaType":"application/vnd.docker.distribution.manifest.v2+json","digest":"{{{D1}}}","size":1,
               "platform":{"architecture":"amd64","os":"windows","os.version":"10.0.20348.2849","os.features":["win32k"]}}]}
            """;
        var index = (ImageIndex)ManifestDocument.Parse(ManifestMediaTypes.DockerManifestList, Encoding.UTF8.GetBytes(json));
        var entry = index.SelectPlatform(Platform.Parse("windows/amd64"))!;
        Assert.Equal("10.0.20348.2849", entry.OsVersion);
        Assert.Equal(["win32k"], entry.OsFeatures);
        Assert.Null(index.SelectPlatform(Platform.LinuxAmd64));
    }

    [Fact]
    public void Declared_and_own_media_type_must_agree()
    {
        Assert.False(TryParse(ManifestMediaTypes.DockerManifestList, BuildKitIndex, out _, out var error));
        Assert.Contains("mediaType: the document says \"application/vnd.oci.image.index.v1+json\" but the registry declared \"application/vnd.docker.distribution.manifest.list.v2+json\"", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("application/vnd.oci.image.index.v1+json; charset=utf-8")]
    [InlineData("APPLICATION/VND.OCI.IMAGE.INDEX.V1+JSON")]
    [InlineData("application/json")]
    [InlineData("")]
    public void Content_type_parameters_case_and_generic_types_are_tolerated(string declared)
    {
        Assert.True(TryParse(declared, BuildKitIndex, out var document, out var error), error);
        Assert.Equal(ManifestMediaTypes.OciIndex, document!.MediaType);
    }

    [Fact]
    public void Own_media_type_may_be_omitted_when_declared()
    {
        var json = $$$"""{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"{{{D1}}}","size":5}]}""";
        Assert.True(TryParse(ManifestMediaTypes.OciIndex, json, out var document, out var error), error);
        Assert.IsType<ImageIndex>(document);
        Assert.False(TryParse("application/json", json, out _, out error));
        Assert.Contains("no media type", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ManifestMediaTypes.DockerSchema1SignedManifest, """{"schemaVersion":1,"name":"library/ubuntu","tag":"14.04","fsLayers":[]}""")]
    [InlineData(ManifestMediaTypes.DockerSchema1Manifest, """{"schemaVersion":1}""")]
    [InlineData("application/json", """{"schemaVersion":1,"name":"library/ubuntu"}""")]
    public void Schema1_is_refused_clearly(string declared, string json)
    {
        Assert.False(TryParse(declared, json, out _, out var error));
        Assert.Contains("schema 1 is deprecated and unsupported", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{", "is not valid JSON")]
    [InlineData("""{"schemaVersion":2} {"schemaVersion":2}""", "is not valid JSON")]
    [InlineData("", "is not valid JSON")]
    [InlineData("[]", "expected a JSON object, found Array")]
    [InlineData("""{"schemaVersion":3,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[]}""", "schemaVersion: must be the integer 2")]
    [InlineData("""{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json"}""", "manifests: required array is missing")]
    [InlineData("""{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:abc","size":1}]}""", "manifests[0].digest: invalid checksum digest length")]
    [InlineData("""{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:1111111111111111111111111111111111111111111111111111111111111111","size":-1}]}""", "manifests[0].size: must not be negative")]
    [InlineData("""{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[{"digest":"sha256:1111111111111111111111111111111111111111111111111111111111111111","size":1}]}""", "manifests[0].mediaType: required field is missing")]
    [InlineData("""{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:1111111111111111111111111111111111111111111111111111111111111111","size":1.5}]}""", "manifests[0].size: must be an integer, found the number 1.5")]
    [InlineData("""{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","layers":[]}""", "config: required descriptor is missing")]
    [InlineData("""{"schemaVersion":2,"mediaType":"application/vnd.oci.artifact.manifest.v1+json"}""", "unsupported media type \"application/vnd.oci.artifact.manifest.v1+json\"")]
    public void Malformed_documents_give_located_errors(string json, string expected)
    {
        Assert.False(TryParse("", json, out var document, out var error));
        Assert.Null(document);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Equal(error, Assert.Throws<FormatException>(() => ManifestDocument.Parse("", Encoding.UTF8.GetBytes(json))).Message);
    }

    [Fact]
    public void Accept_list_puts_indexes_first()
        => Assert.Equal(
            [ManifestMediaTypes.OciIndex, ManifestMediaTypes.DockerManifestList, ManifestMediaTypes.OciManifest, ManifestMediaTypes.DockerManifest],
            ManifestMediaTypes.Accepted);
}

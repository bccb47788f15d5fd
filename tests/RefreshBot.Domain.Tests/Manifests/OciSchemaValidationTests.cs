using System.Text;
using System.Text.Json;
using RefreshBot.Domain.Manifests;

namespace RefreshBot.Domain.Tests.Manifests;

/// <summary>
/// The OCI image-spec's own schema tests (oci-schema-validation.jsonl) for the parts RefreshBot parses:
/// descriptors, image indexes and image manifests. Config and layout cases do not apply (we do not
/// parse those documents).
/// </summary>
public sealed class OciSchemaValidationTests
{
    private const string DescriptorType = "application/vnd.oci.descriptor.v1+json";

    /// <summary>
    /// Cases the schema accepts but we reject on purpose: digests with algorithms we cannot compute
    /// (sha256+b64, multihash+base58, …). A digest RefreshBot cannot recompute cannot verify content.
    /// </summary>
    private static readonly HashSet<string> UnsupportedAlgorithmCases =
    [
        "TestManifest#6",
        "TestDescriptor#21", "TestDescriptor#22", "TestDescriptor#23", "TestDescriptor#24", "TestDescriptor#25",
        "TestDescriptor#27", "TestDescriptor#28",
    ];

    public static TheoryData<string, string, bool, string> Cases()
    {
        var data = new TheoryData<string, string, bool, string>();
        foreach (var line in File.ReadLines(Path.Combine(ManifestVectors.Root, "oci-schema-validation.jsonl")))
        {
            if (line.Length == 0)
            {
                continue;
            }

            using var row = JsonDocument.Parse(line);
            var type = row.RootElement.GetProperty("validator_media_type").GetString()!;
            if (type is ManifestMediaTypes.OciIndex or ManifestMediaTypes.OciManifest or DescriptorType)
            {
                data.Add(
                    row.RootElement.GetProperty("case").GetString()!,
                    type,
                    row.RootElement.GetProperty("expected_valid").GetBoolean(),
                    row.RootElement.GetProperty("document").GetString()!);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Validates_like_the_OCI_schema(string testCase, string validatorType, bool expectedValid, string document)
    {
        var (ok, error) = validatorType == DescriptorType ? ParseDescriptor(document) : ParseDocument(validatorType, document);
        if (UnsupportedAlgorithmCases.Contains(testCase))
        {
            Assert.True(expectedValid, "deviation list must only hold cases the schema accepts");
            Assert.False(ok, testCase);
            Assert.Contains("unsupported digest algorithm", error, StringComparison.Ordinal);
            return;
        }

        Assert.True(expectedValid == ok, $"{testCase}: expected valid={expectedValid}; error={error}");
        if (!ok)
        {
            Assert.False(string.IsNullOrWhiteSpace(error));
        }
    }

    private static (bool Ok, string? Error) ParseDocument(string mediaType, string document)
        => (ManifestDocument.TryParse(mediaType, Encoding.UTF8.GetBytes(document), out _, out var error), error);

    private static (bool Ok, string? Error) ParseDescriptor(string document)
    {
        try
        {
            using var json = JsonDocument.Parse(document);
            ManifestJsonReader.Descriptor(json.RootElement, "descriptor");
            return (true, null);
        }
        catch (ManifestFormatException e)
        {
            return (false, e.Message);
        }
    }
}

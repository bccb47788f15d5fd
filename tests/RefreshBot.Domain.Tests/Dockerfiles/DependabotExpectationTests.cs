using System.Text.Json;
using RefreshBot.Domain.Dockerfiles;

namespace RefreshBot.Domain.Tests.Dockerfiles;

/// <summary>
/// Dependabot's file-parser expectations. References are compared in Dependabot's shape (registry/name,
/// <c>docker.io/</c> dropped, <c>:tag</c>, <c>@sha256:digest</c>). Where Dependabot differs on purpose the case
/// is listed in <see cref="Disagreements"/> with our reason and our output.
/// </summary>
public sealed class DependabotExpectationTests
{
    internal static readonly Dictionary<string, (string Reason, string[] Ours)> Disagreements = new(StringComparer.Ordinal)
    {
        ["dockerfiles/bare"] =
            ("Dependabot ignores a FROM without tag or digest; we report it (it floats on 'latest' and can drift, which the issue asks us to see)", ["ubuntu"]),
        ["dockerfiles/multiple_identical"] =
            ("Dependabot collapses identical FROMs into one dependency; we report every use (each has its own line and span for the rewrite); the registry lookup is deduplicated later", ["node:10-alpine", "node:10-alpine"]),
    };

    public static TheoryData<string> Cases() => new(Records().Select(Name));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Extraction_matches_dependabot_or_documented_choice(string name)
    {
        var record = Records().Single(r => Name(r) == name);
        var text = record.TryGetProperty("dockerfile", out var inline)
            ? inline.GetString()!
            : VectorFiles.Read("dependabot-docker", record.GetProperty("dockerfile_fixture").GetString()!);
        var images = DockerfileImages.Extract("Dockerfile", text).Images;

        var ours = images.Select(i => DependabotShape(i.Reference!)).ToArray();

        if (Disagreements.TryGetValue(name, out var choice))
        {
            Assert.Equal(choice.Ours, ours);
            Assert.NotEqual(Expected(record), ours);
            return;
        }

        Assert.Equal(Expected(record), ours);
        var platforms = record.GetProperty("expected_dependencies").EnumerateArray()
            .Select(d => d.GetProperty("source").TryGetProperty("platform", out var p) ? p.GetString() : null).ToArray();
        if (platforms is ["$BUILDPLATFORM"])
        {
            // Dependabot keeps the unexpanded text; we report no platform because $BUILDPLATFORM depends on the builder.
            Assert.Null(images[0].Platform);
        }
        else
        {
            Assert.Equal(platforms, images.Select(i => i.Platform).ToArray());
        }
    }

    private static string DependabotShape(string reference)
        => reference.StartsWith("docker.io/", StringComparison.Ordinal) ? reference["docker.io/".Length..] : reference;

    private static string[] Expected(JsonElement record)
        => record.GetProperty("expected_dependencies").EnumerateArray().Select(d =>
        {
            var source = d.GetProperty("source");
            var reference = d.GetProperty("name").GetString()!;
            if (source.TryGetProperty("registry", out var registry))
            {
                reference = registry.GetString() + "/" + reference;
            }

            if (source.TryGetProperty("tag", out var tag))
            {
                reference += ":" + tag.GetString();
            }

            if (source.TryGetProperty("digest", out var digest))
            {
                reference += "@sha256:" + digest.GetString();
            }

            return reference;
        }).ToArray();

    private static string Name(JsonElement record)
        => record.TryGetProperty("dockerfile_fixture", out var fixture) ? fixture.GetString()! : record.GetProperty("dockerfile").GetString()!;

    private static IEnumerable<JsonElement> Records()
        => File.ReadLines(VectorFiles.PathOf("dependabot-docker", "file-parser-expectations.jsonl"))
            .Where(l => l.Length > 0)
            .Select(l => JsonDocument.Parse(l).RootElement);
}

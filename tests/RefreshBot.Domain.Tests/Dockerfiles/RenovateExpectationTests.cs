using System.Text.Json;
using RefreshBot.Domain.Dockerfiles;

namespace RefreshBot.Domain.Tests.Dockerfiles;

/// <summary>
/// Renovate's extractPackageFile expectations. Where our semantics agree we assert the same ordered
/// references; where they differ on purpose the case is listed in <see cref="Disagreements"/> with the
/// reason and our own expected output (docs/extraction.md explains each choice).
/// </summary>
public sealed class RenovateExpectationTests
{
    /// <summary>Test name -> (why we differ, the references we produce).</summary>
    internal static readonly Dictionary<string, (string Reason, string?[] Ours)> Disagreements = new(StringComparer.Ordinal)
    {
        ["extractPackageFile() > ignores parser directives in wrong order"] =
            ("BuildKit keeps the character before a trailing escape and joins lines without a space: 'FROM\\' + 'nginx:1.20' is the unknown instruction 'FROMnginx:1.20' (an error diagnostic), not a FROM", []),
        ["extractPackageFile() > handles FROM with overwritten ARG value"] =
            ("an ARG after the first FROM is stage-scoped; FROM only sees global ARGs, so stage2 still uses the global nginx:1.19", ["nginx:1.19", "nginx:1.19"]),
        ["extractPackageFile() > extracts images from multi-line ARG statements"] =
            ("nginx_version is declared after the first FROM (stage-scoped), so BuildKit cannot use it in a FROM: reported as skipped, never guessed", ["alpine:3.15.4", null]),
        ["extractPackageFile() > handles an alternative escape character"] =
            ("same as the multi-line ARG case: nginx_version is stage-scoped, invisible to FROM", ["alpine:3.15.4", null, "image5", "image12"]),
        ["extractPackageFile() > handles FROM with multiple ARG values"] =
            ("'ARG LINUX_VERSION ubuntu16.04' declares two ARGs without values (BuildKit has no 'ARG name value' form), so LINUX_VERSION is unset", [null]),
    };

    public static TheoryData<string> Cases()
        => new(Records().Select(r => r.GetProperty("test").GetString()!));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Extraction_matches_renovate_or_documented_choice(string test)
    {
        var record = Records().Single(r => r.GetProperty("test").GetString() == test);
        var text = record.TryGetProperty("dockerfile_fixture", out var fixture) && fixture.ValueKind == JsonValueKind.String
            ? VectorFiles.Read("renovate-dockerfile", "fixtures", Path.GetFileName(fixture.GetString()!))
            : record.GetProperty("dockerfile").GetString()!;

        var ours = DockerfileImages.Extract("Dockerfile", text).Images.Select(i => i.Reference).ToArray();

        if (Disagreements.TryGetValue(test, out var choice))
        {
            Assert.Equal(choice.Ours, ours);
            Assert.NotEqual(Expected(record), ours);
            return;
        }

        Assert.Equal(Expected(record), ours);
    }

    /// <summary>Renovate's deps as references, without the <c># syntax=</c> pseudo-dependency (not a base image).</summary>
    private static string?[] Expected(JsonElement record)
        => record.GetProperty("deps").EnumerateArray()
            .Where(d => d.GetProperty("dep_type").GetString() != "syntax")
            .Select(d => d.GetProperty("skip_reason").ValueKind == JsonValueKind.String ? null : AsWritten(d))
            .ToArray();

    /// <summary>Renovate's replaceString is the reference as written (it strips ports/prefixes only in depName); for ARG-provided ones it is the ARG line.</summary>
    private static string AsWritten(JsonElement dep)
    {
        var replace = dep.GetProperty("replace_string").GetString();
        return replace is not null && !replace.TrimStart().StartsWith("ARG", StringComparison.OrdinalIgnoreCase) && !replace.TrimStart().StartsWith("FROM", StringComparison.OrdinalIgnoreCase) ? replace : Reference(dep);
    }

    private static string Reference(JsonElement dep)
    {
        var reference = dep.GetProperty("image").GetString()!;
        if (dep.GetProperty("tag").GetString() is { } tag)
        {
            reference += ":" + tag;
        }

        if (dep.GetProperty("digest").GetString() is { } digest)
        {
            reference += "@" + digest;
        }

        return reference;
    }

    private static IEnumerable<JsonElement> Records()
        => File.ReadLines(VectorFiles.PathOf("renovate-dockerfile", "extract-expectations.jsonl"))
            .Where(l => l.Length > 0)
            .Select(l => JsonDocument.Parse(l).RootElement);
}

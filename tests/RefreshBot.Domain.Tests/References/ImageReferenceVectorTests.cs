using System.Text.Json;
using RefreshBot.Domain.References;
using static RefreshBot.Domain.Tests.References.ReferenceVectors;

namespace RefreshBot.Domain.Tests.References;

/// <summary>
/// Theories over distribution/reference's own test tables (see Vectors/distribution-reference/NOTE.md
/// for rows that are environment-specific or not applicable).
/// </summary>
public sealed class ImageReferenceVectorTests
{
    /// <summary>Rows whose upstream result depends on Go test-binary setup (sha512 not registered there).</summary>
    private static readonly string[] EnvironmentSpecificInputs =
    [
        "validname@sha512:ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
    ];

    public static TheoryData<string, string> StrictParseRows()
    {
        var rows = Rows(Current, "Parse", "JSONField");
        var kept = new TheoryData<string, string>();
        foreach (var row in rows)
        {
            var (label, json) = ((string)row[0], (string)row[1]);
            using var doc = JsonDocument.Parse(json);
            if (!EnvironmentSpecificInputs.Contains(doc.RootElement.Str("input")))
            {
                kept.Add(label, json);
            }
        }

        // The legacy package registered sha512: its sha512 row is the one we follow.
        foreach (var row in Rows(Legacy, "Parse"))
        {
            var (label, json) = ((string)row[0], (string)row[1]);
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.Str("digest").StartsWith("sha512:", StringComparison.Ordinal))
            {
                kept.Add(label, json);
            }
        }

        return kept;
    }

    [Theory]
    [MemberData(nameof(StrictParseRows))]
    public void Parse_as_written_matches_upstream(string label, string json)
    {
        var row = JsonDocument.Parse(json).RootElement;
        var input = row.Str("input");
        var ok = ReferenceGrammar.TryParseAsWritten(input, out var domain, out var path, out var tag, out var digest, out var error);

        if (row.Bool("valid"))
        {
            Assert.True(ok, $"{label}: {error}");
            Assert.Equal(row.Str("name"), domain.Length == 0 ? path : domain + "/" + path);
            if (row.Has("domain"))
            {
                Assert.Equal(row.Str("domain"), domain);
            }

            Assert.Equal(row.Str("tag").NullIfEmpty(), tag);
            Assert.Equal(row.Str("digest").NullIfEmpty(), digest?.ToString());
        }
        else
        {
            Assert.False(ok, label);
            Assert.Contains(row.Str("error_message"), error, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(StrictParseRows))]
    public void Normalizing_parse_agrees_on_validity_of_strict_rows(string label, string json)
    {
        var row = JsonDocument.Parse(json).RootElement;
        var ok = ImageReference.TryParse(row.Str("input"), out var reference, out var error);
        Assert.True(row.Bool("valid") == ok, $"{label}: {error}");
        if (ok)
        {
            Assert.Equal(row.Str("tag").NullIfEmpty(), reference!.Tag);
            Assert.Equal(row.Str("digest").NullIfEmpty(), reference.Digest?.ToString());
        }
        else
        {
            Assert.Contains(row.Str("error_message"), error, StringComparison.Ordinal);
        }
    }

    public static TheoryData<string, string> NormalizedRows() => Rows(Current, "ParseNormalizedNamed", "ParseNormalizedNamed.validity");

    [Theory]
    [MemberData(nameof(NormalizedRows))]
    public void Parse_normalizes_like_ParseNormalizedNamed(string label, string json)
    {
        var row = JsonDocument.Parse(json).RootElement;
        var ok = ImageReference.TryParse(row.Str("input"), out var reference, out var error);
        Assert.True(row.Bool("valid") == ok, $"{label}: expected valid={row.Bool("valid")}, error={error}");
        if (!ok)
        {
            Assert.False(string.IsNullOrWhiteSpace(error));
            return;
        }

        Assert.Null(error);
        AssertIfPresent(row, "domain", reference!.Domain);
        AssertIfPresent(row, "path", reference.Path);
        AssertIfPresent(row, "full_name", reference.Name);
        AssertIfPresent(row, "familiar_name", reference.FamiliarName);
        AssertIfPresent(row, "string", reference.ToString());
        AssertIfPresent(row, "familiar_string", reference.FamiliarString);
        AssertIfPresent(row, "tag", reference.Tag ?? "");
        AssertIfPresent(row, "digest", reference.Digest?.ToString() ?? "");
    }

    public static TheoryData<string, string> WithNameRows()
    {
        var rows = Rows(Current, "WithName");
        foreach (var row in Rows(Legacy, "WithName"))
        {
            rows.Add((string)row[0], (string)row[1]);
        }

        return rows;
    }

    [Theory]
    [MemberData(nameof(WithNameRows))]
    public void Name_only_grammar_matches_WithName(string label, string json)
    {
        var row = JsonDocument.Parse(json).RootElement;
        var ok = ReferenceGrammar.TryParseAsWritten(row.Str("input"), out var domain, out var path, out var tag, out var digest, out var error)
                 && tag is null && digest is null;
        Assert.True(row.Bool("valid") == ok, $"{label}: {error}");
        if (ok)
        {
            Assert.Equal(row.Str("domain"), domain);
            Assert.Equal(row.Str("path"), path);
        }
    }

    public static TheoryData<string, string> ParseNamedRows() => Rows(Current, "ParseNamed");

    [Theory]
    [MemberData(nameof(ParseNamedRows))]
    public void Canonical_names_are_exactly_the_normalized_ones(string label, string json)
    {
        var row = JsonDocument.Parse(json).RootElement;
        var input = row.Str("input");
        var reference = ImageReference.Parse(input);
        Assert.True(row.Bool("valid") == (reference.ToString() == input), label);
        if (row.Bool("valid"))
        {
            Assert.Equal(row.Str("domain"), reference.Domain);
            Assert.Equal(row.Str("path"), reference.Path);
        }
    }

    public static TheoryData<string, string> AnyReferenceRows() => Rows(Current, "ParseAnyReference");

    [Theory]
    [MemberData(nameof(AnyReferenceRows))]
    public void ParseAnyReference_rows(string label, string json)
    {
        var row = JsonDocument.Parse(json).RootElement;
        var input = row.Str("input");
        if (row.Str("kind") == "digest-only")
        {
            // An image ID is not an image reference for us; as a digest it reads like upstream's.
            if (!input.Contains(':'))
            {
                Assert.False(ImageReference.TryParse(input, out _, out var error), label);
                Assert.Contains("image ID", error, StringComparison.Ordinal);
                input = "sha256:" + input;
            }

            Assert.Equal(row.Str("string"), Digest.Parse(input).ToString());
            return;
        }

        Assert.Equal(row.Str("string"), ImageReference.Parse(input).ToString());
    }

    public static TheoryData<string, string> DockerRefRows() => Rows(Current, "ParseDockerRef");

    [Theory]
    [MemberData(nameof(DockerRefRows))]
    public void ManifestReference_is_what_docker_pulls(string label, string json)
    {
        var row = JsonDocument.Parse(json).RootElement;
        var reference = ImageReference.Parse(row.Str("input"));
        var pulled = reference.Name + (reference.Digest is null ? ":" : "@") + reference.ManifestReference;
        Assert.True(row.Str("string") == pulled, $"{label}: got {pulled}");
    }

    public static TheoryData<string, string> WithTagRows() => Rows(Current, "WithTag", "WithDigest");

    [Theory]
    [MemberData(nameof(WithTagRows))]
    public void With_tag_and_digest(string label, string json)
    {
        var row = JsonDocument.Parse(json).RootElement;
        var named = ImageReference.Parse(row.Str("name"));
        var digestText = row.Str("digest");
        var tag = row.Str("tag").NullIfEmpty();
        if (row.Has("valid") && !row.Bool("valid"))
        {
            if (row.Str("suite") == "WithTag")
            {
                Assert.Throws<ArgumentException>(() => named.With(tag, null));
            }
            else
            {
                Assert.False(Digest.TryParse(digestText, out _, out _), label);
            }

            return;
        }

        if (digestText.Length > 0)
        {
            // Upstream's WithDigest only applies the reference regexp (>= 32 hex); we validate the
            // sha256 length, so these composed names are rejected here: a documented deviation.
            Assert.False(Digest.TryParse(digestText, out _, out var error), label);
            Assert.Contains("invalid checksum digest length", error, StringComparison.Ordinal);
            return;
        }

        Assert.Equal(row.Str("string"), named.With(tag, null).FamiliarString);
    }

    public static TheoryData<string, string> DomainRows() => Rows(Current, "regexp.domainAndPort");

    [Theory]
    [MemberData(nameof(DomainRows))]
    public void Domain_and_port_grammar(string label, string json)
    {
        var row = JsonDocument.Parse(json).RootElement;
        Assert.True(row.Bool("match") == ReferenceGrammar.IsDomainAndPort(row.Str("input")), label);
    }

    public static TheoryData<string, string> NameRegexpRows() => Rows(Current, "regexp.anchoredName", "regexp.reference");

    [Theory]
    [MemberData(nameof(NameRegexpRows))]
    public void Name_and_reference_grammar(string label, string json)
    {
        var row = JsonDocument.Parse(json).RootElement;
        var nameOnly = row.Str("suite") == "regexp.anchoredName";
        var ok = ReferenceGrammar.TryParseAsWritten(row.Str("input"), out var domain, out var path, out var tag, out var digest, out var error);
        if (nameOnly)
        {
            ok = ok && tag is null && digest is null;
        }

        Assert.True(row.Bool("match") == ok, $"{label}: {error}");
        if (!ok || !row.TryGetProperty("subs", out var subs))
        {
            return;
        }

        if (nameOnly)
        {
            Assert.Equal(subs.Str("domain"), domain);
            Assert.Equal(subs.Str("path"), path);
        }
        else
        {
            Assert.Equal(subs.Str("name"), domain.Length == 0 ? path : domain + "/" + path);
            Assert.Equal(subs.Str("tag").NullIfEmpty(), tag);
            Assert.Equal(subs.Str("digest").NullIfEmpty(), digest?.ToString());
        }
    }

    public static TheoryData<string, string> IdentifierRows() => Rows(Current, "regexp.anchoredIdentifier");

    [Theory]
    [MemberData(nameof(IdentifierRows))]
    public void Image_ids_are_not_repository_names(string label, string json)
    {
        var row = JsonDocument.Parse(json).RootElement;
        ImageReference.TryParse(row.Str("input"), out _, out var error);
        Assert.True(row.Bool("match") == (error?.Contains("image ID", StringComparison.Ordinal) ?? false), $"{label}: {error}");
    }

    private static void AssertIfPresent(JsonElement row, string field, string actual)
    {
        if (row.Has(field))
        {
            Assert.Equal(row.Str(field), actual);
        }
    }
}

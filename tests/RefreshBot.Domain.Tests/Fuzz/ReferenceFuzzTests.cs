using CsCheck;
using RefreshBot.Domain.References;
using Xunit.Abstractions;

namespace RefreshBot.Domain.Tests.Fuzz;

/// <summary>
/// Image reference parser: TryParse never throws and Parse throws only <see cref="FormatException"/>; what parses
/// prints to a string that parses back to the same reference (both the full and the familiar form).
/// </summary>
public sealed class ReferenceFuzzTests(ITestOutputHelper output)
{
    private const string Alphabet = "abcz09AZ._-/:@+~ \t\n%$" ;

    [Fact]
    public void Mutated_reference_vectors_never_throw_and_round_trip() =>
        FuzzRun.Check(output, "reference: mutated vectors", Mutations.Of(Corpus.References), seed: 9_101, iterations: 4000, Holds);

    [Fact]
    public void Random_reference_shaped_text_never_throws_and_round_trips() =>
        FuzzRun.Check(output, "reference: random structure", Structured, seed: 9_102, iterations: 4000, Holds);

    [Fact]
    public void Huge_references_are_refused_not_hung() =>
        FuzzRun.Check(output, "reference: hostile sizes", Gen.Int[1, 6].Select(scale =>
            HostileText.Repeat("a/", 20_000 * scale) + "a:" + new string('t', 10_000 * scale) + "@sha256:" + new string('0', 64 * scale)), seed: 9_103, iterations: 20, Holds,
            show: text => text[..100]);

    /// <summary>domain(:port)/path(/path)*(:tag)(@digest) assembled from plausible and broken parts.</summary>
    private static Gen<string> Structured { get; } =
        Gen.Select(
            Mutations.Pick("", "docker.io/", "index.docker.io/", "localhost:5000/", "ghcr.io/", "[::1]:5000/", "Example.COM/", "a..b/", "x:/"),
            Mutations.Over("abz09._-", 12).Array[1, 5].Select(parts => string.Join("/", parts)),
            Gen.OneOf(Gen.Const(""), Mutations.Over("aZ09._-", 140).Select(tag => ":" + tag)),
            Gen.OneOf(Gen.Const(""), Mutations.Pick("sha256", "sha512", "SHA256", "md5", "").SelectMany(algorithm =>
                Mutations.Over("0123456789abcdefABCDEF=", 130).Select(hex => "@" + algorithm + ":" + hex))),
            Mutations.Over(Alphabet, 4),
            (domain, path, tag, digest, noise) => domain + path + tag + digest + noise);

    private static void Holds(string text)
    {
        if (!ImageReference.TryParse(text, out var reference, out var error))
        {
            Assert.False(string.IsNullOrWhiteSpace(error));
            Assert.Throws<FormatException>(() => ImageReference.Parse(text));
            return;
        }

        Assert.NotNull(reference);
        Assert.Null(error);
        Assert.Equal(reference, ImageReference.Parse(reference.ToString()));
        if (IsImageIdShaped(reference.FamiliarName) || StartsWithDomain(reference))
        {
            // As in Docker's reference library, two familiar forms do not round-trip: docker.io/<64 hex> (an image ID,
            // refused) and docker.io/<domain-like>/x (read back with that first component as the registry).
            Assert.NotEqual(reference, ImageReference.TryParse(reference.FamiliarString, out var back, out _) ? back : null);
        }
        else
        {
            Assert.Equal(reference, ImageReference.Parse(reference.FamiliarString));
        }
        Assert.Equal(reference.ToString(), ImageReference.Parse(reference.ToString()).ToString());
    }

    private static bool IsImageIdShaped(string name) => name.Length == 64 && name.All(char.IsAsciiHexDigitLower);

    private static bool StartsWithDomain(ImageReference reference)
    {
        var first = reference.FamiliarName.Split('/')[0];
        return reference.IsDockerHub && reference.FamiliarName.Contains('/') && (first.Contains('.') || first.Contains(':') || first == "localhost");
    }
}

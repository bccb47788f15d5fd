using CsCheck;
using RefreshBot.Domain.Versions;
using Xunit.Abstractions;

namespace RefreshBot.Domain.Tests.Fuzz;

/// <summary>
/// dpkg, apk and rpm comparators: no exception but the documented <see cref="FormatException"/>, results in {-1,0,1},
/// and an ordering: reflexive, antisymmetric, transitive on generated triples of well-formed versions.
/// </summary>
public sealed class VersionFuzzTests(ITestOutputHelper output)
{
    private delegate int Comparison(string a, string b);

    [Fact]
    public void Dpkg_never_throws_on_mutated_vectors() =>
        FuzzRun.Check(output, "dpkg: mutated vectors", Pairs(Mutations.Of(Corpus.DpkgVersions)), seed: 9_201, iterations: 4000, pair =>
        {
            var (a, b) = pair;
            if (DpkgVersion.TryCompare(a, b, out var result))
            {
                Assert.InRange(result, -1, 1);
                Assert.Equal(result, DpkgVersion.Compare(a, b));
            }
            else
            {
                Assert.Throws<FormatException>(() => DpkgVersion.Compare(a, b));
            }

            Assert.Equal(DpkgVersion.TryParse(a, out _, out var error), error is null);
        });

    [Fact]
    public void Dpkg_is_an_ordering() =>
        FuzzRun.Check(output, "dpkg: ordering on triples", Triples(DpkgShaped), seed: 9_202, iterations: 6000, triple => Ordering(triple, (a, b) => DpkgVersion.Compare(a, b)));

    [Fact]
    public void Apk_never_throws_on_mutated_vectors() =>
        FuzzRun.Check(output, "apk: mutated vectors", Pairs(Mutations.Of(Corpus.ApkVersions)), seed: 9_203, iterations: 4000, pair =>
        {
            var (a, b) = pair;
            Assert.InRange(ApkVersion.Compare(a, b), -1, 1);
            Assert.InRange(ApkVersion.Compare(a, b, fuzzy: true), -1, 1);
            Assert.Equal(ApkVersion.TryParse(a, out _), ApkVersion.IsValid(a));
        });

    [Fact]
    public void Apk_is_an_ordering_on_valid_versions() =>
        FuzzRun.Check(output, "apk: ordering on triples", Triples(ApkShaped), seed: 9_204, iterations: 6000, triple =>
        {
            Assert.All([triple.Item1, triple.Item2, triple.Item3], version => Assert.True(ApkVersion.IsValid(version), $"generator made an invalid apk version {version}"));
            Ordering(triple, (a, b) => ApkVersion.Compare(a, b));
        });

    [Fact]
    public void Rpm_never_throws_on_mutated_vectors() =>
        FuzzRun.Check(output, "rpm: mutated vectors", Pairs(Mutations.Of(Corpus.RpmVersions)), seed: 9_205, iterations: 4000, pair =>
        {
            var (a, b) = pair;
            Assert.InRange(RpmVersion.Compare(a, b), -1, 1);
            Assert.InRange(RpmVersion.CompareSegments(a, b), -1, 1);
            Assert.Equal(RpmVersion.TryParse(a, out _), RpmVersion.IsValid(a));
        });

    [Fact]
    public void Rpm_is_an_ordering() =>
        FuzzRun.Check(output, "rpm: ordering on triples", Triples(RpmShaped), seed: 9_206, iterations: 6000, triple => Ordering(triple, (a, b) => RpmVersion.Compare(a, b)));

    [Fact]
    public void Huge_versions_compare_without_hanging() =>
        FuzzRun.Check(output, "versions: hostile sizes", Gen.Int[1, 5].Select(scale => (new string('9', 200_000 * scale), HostileText.Repeat("1.", 100_000 * scale) + "~")), seed: 9_207, iterations: 10, pair =>
        {
            var (a, b) = pair;
            Assert.True(DpkgVersion.TryCompare(a, b, out _));
            Assert.InRange(ApkVersion.Compare(a, b), -1, 1);
            Assert.InRange(RpmVersion.Compare(a, b), -1, 1);
        }, show: pair => $"{pair.Item1.Length} / {pair.Item2.Length} chars");

    private static void Ordering((string A, string B, string C) triple, Comparison compare)
    {
        var (a, b, c) = triple;
        Assert.Equal(0, compare(a, a));
        var ab = compare(a, b);
        var bc = compare(b, c);
        var ac = compare(a, c);
        Assert.InRange(ab, -1, 1);
        Assert.True(ab == -compare(b, a), $"not antisymmetric: cmp({a}, {b}) = {ab}, cmp({b}, {a}) = {compare(b, a)}");
        if (ab <= 0 && bc <= 0)
        {
            Assert.True(ac <= 0, $"not transitive: {a} <= {b} <= {c} but cmp({a}, {c}) = {ac}");
        }

        if (ab == 0 && bc == 0)
        {
            Assert.True(ac == 0, $"equality not transitive: {a} = {b} = {c} but cmp({a}, {c}) = {ac}");
        }
    }

    private static Gen<(string, string)> Pairs(Gen<string> gen) => Gen.Select(gen, gen);

    /// <summary>Triples drawn from a small space so that ties and near-ties are common.</summary>
    private static Gen<(string, string, string)> Triples(Gen<string> gen) => Gen.Select(gen, gen, gen);

    private static Gen<string> DpkgShaped { get; } =
        Gen.Select(
            Mutations.Pick("", "", "0:", "1:", "2:"),
            Gen.Int[0, 3].SelectMany(digit => Mutations.Over("019a.+~", 5).Select(rest => digit + rest)),
            Gen.OneOf(Gen.Const(""), Mutations.Over("01a.+~", 4).Select(revision => "-" + (revision.Length == 0 ? "0" : revision))),
            (epoch, upstream, revision) => epoch + upstream + revision);

    private static Gen<string> ApkShaped { get; } =
        Gen.Select(
            Gen.Int[0, 12].Array[1, 3].Select(numbers => string.Join(".", numbers)),
            Mutations.Pick("", "", "a", "z"),
            Mutations.Pick("", "_alpha", "_beta", "_pre", "_rc", "_p", "_cvs", "_svn", "_git", "_hg", "_rc1", "_p2", "_alpha_p1").Array[0, 2].Select(string.Concat),
            Mutations.Pick("", "-r0", "-r1", "-r10"),
            (numbers, letter, suffixes, revision) => numbers + letter + suffixes + revision);

    private static Gen<string> RpmShaped { get; } =
        Gen.Select(
            Mutations.Pick("", "", "0:", "1:"),
            Mutations.Over("019ab.^~_", 6).Select(version => version.Length == 0 ? "1" : version),
            Gen.OneOf(Gen.Const(""), Mutations.Over("01a.^~", 4).Select(release => "-" + release)),
            (epoch, version, release) => epoch + version + release);
}

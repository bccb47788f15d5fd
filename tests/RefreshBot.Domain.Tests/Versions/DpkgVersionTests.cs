using System.Text.Json;
using RefreshBot.Domain.Versions;

namespace RefreshBot.Domain.Tests.Versions;

/// <summary>dpkg's own vectors (Vectors/dpkg-version): <c>Dpkg_Version.t</c> DATA pairs and facts from <c>t-version.c</c>.</summary>
public sealed class DpkgVersionTests
{
    public static TheoryData<int, string, string, int> DataPairs()
    {
        var data = new TheoryData<int, string, string, int>();
        foreach (var (number, text) in VersionVectors.Lines("dpkg-version", "Dpkg_Version.t.DATA.txt"))
        {
            var columns = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (columns.Length == 3)
            {
                data.Add(number, columns[0], columns[1], int.Parse(columns[2], System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return data;
    }

    public static TheoryData<int, string> Facts(string kind)
    {
        var data = new TheoryData<int, string>();
        foreach (var (number, text) in VersionVectors.Lines("dpkg-version", "dpkg-facts.jsonl"))
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.GetProperty("kind").GetString() == kind)
            {
                data.Add(number, text);
            }
        }

        return data;
    }

    [Fact]
    public void Every_vector_is_read()
    {
        Assert.Equal(43, DataPairs().Count);
        Assert.Equal(106, new[] { "parse", "compare", "is_valid", "has_parts", "sort" }.Sum(kind => Facts(kind).Count));
    }

    [Theory]
    [MemberData(nameof(DataPairs))]
    public void Data_pair_compares_and_round_trips(int line, string a, string b, int expected)
    {
        var left = DpkgVersion.Parse(a);
        var right = DpkgVersion.Parse(b);
        Assert.True(expected == left.CompareTo(right), $"DATA line {line}: {a} vs {b}");
        Assert.Equal(-expected, right.CompareTo(left));
        Assert.Equal(expected, DpkgVersion.Compare(a, b));
        Assert.Equal(expected == 0, left == right);
        Assert.Equal(expected < 0, left < right);
        Assert.Equal(expected <= 0, left <= right);
        Assert.Equal(expected >= 0, left >= right);
        Assert.Equal(expected > 0, left > right);
        if (expected == 0)
        {
            Assert.Equal(left.GetHashCode(), right.GetHashCode());
        }

        Assert.Equal(a, left.ToString());
        Assert.Equal(b, right.ToString());
    }

    [Theory]
    [MemberData(nameof(Facts), "parse")]
    public void Parse_fact_holds(int line, string json)
    {
        var fact = JsonDocument.Parse(json).RootElement;
        var input = fact.GetProperty("input").GetString()!;
        var valid = DpkgVersion.TryParse(input, out var version, out var error);
        Assert.True(fact.GetProperty("valid").GetBoolean() == valid, $"dpkg-facts.jsonl:{line}: {json} (error: {error})");
        Assert.Equal(valid, DpkgVersion.IsValid(input));
        if (valid)
        {
            Assert.Equal(fact.GetProperty("epoch").GetInt32(), version.Epoch);
            Assert.Equal(fact.GetProperty("upstream").GetString(), version.Upstream);
            Assert.Equal(fact.GetProperty("revision").GetString(), version.Revision);
            return;
        }

        Assert.False(string.IsNullOrEmpty(error));

        // dpkg --compare-versions still compares what it only warns about, and refuses hard errors.
        var isWarning = fact.GetProperty("severity").GetString() == "warning";
        Assert.Equal(isWarning, VersionOrderings.Dpkg.TryCompare(input, "1.0", out _));
    }

    [Theory]
    [MemberData(nameof(Facts), "compare")]
    public void Compare_fact_holds(int line, string json)
    {
        var fact = JsonDocument.Parse(json).RootElement;
        var a = fact.GetProperty("a").GetString()!;
        var b = fact.GetProperty("b").GetString()!;
        Assert.True(DpkgVersion.TryCompare(a, b, out var result), $"dpkg-facts.jsonl:{line}");
        Assert.Equal(fact.GetProperty("expected").GetInt32(), result);
    }

    [Theory]
    [MemberData(nameof(Facts), "is_valid")]
    public void Validity_fact_holds(int line, string json)
    {
        var fact = JsonDocument.Parse(json).RootElement;
        var input = fact.GetProperty("input").GetString()!;
        Assert.True(fact.GetProperty("valid").GetBoolean() == VersionOrderings.Dpkg.IsValid(input), $"dpkg-facts.jsonl:{line}: {input}");
    }

    [Theory]
    [MemberData(nameof(Facts), "has_parts")]
    public void Parts_fact_holds(int line, string json)
    {
        var fact = JsonDocument.Parse(json).RootElement;
        var version = DpkgVersion.Parse(fact.GetProperty("input").GetString()!);
        Assert.True(fact.GetProperty("has_epoch").GetBoolean() == version.HasEpoch, $"dpkg-facts.jsonl:{line}");
        Assert.Equal(fact.GetProperty("has_revision").GetBoolean(), version.HasRevision);
    }

    /// <summary>
    /// Sort facts: the full-version sort uses <see cref="DpkgVersion"/>; the part and string sorts compare one
    /// part (upstream alone; its inputs like <c>~zyx999</c> are not valid versions) with the ordering of one part.
    /// </summary>
    [Theory]
    [MemberData(nameof(Facts), "sort")]
    public void Sort_fact_holds(int line, string json)
    {
        var fact = JsonDocument.Parse(json).RootElement;
        var input = fact.GetProperty("input").EnumerateArray().Select(e => e.GetString()!).ToList();
        var expected = fact.GetProperty("expected").EnumerateArray().Select(e => e.GetString()!).ToList();
        var full = fact.GetProperty("function").GetString()!.Contains("full version", StringComparison.Ordinal);
        var sorted = full
            ? input.OrderBy(DpkgVersion.Parse).Select(v => v.ToString()).ToList()
            : input.Order(Comparer<string>.Create((a, b) => DpkgVersion.ComparePart(a, b))).ToList();
        Assert.True(expected.SequenceEqual(sorted), $"dpkg-facts.jsonl:{line}: got {string.Join(' ', sorted)}");
    }

    [Fact]
    public void Parse_errors_name_the_problem()
    {
        Assert.Equal("epoch in version is too big", Assert.Throws<FormatException>(() => DpkgVersion.Parse("999999999999999999999999:0-1")).Message);
        Assert.False(DpkgVersion.TryParse(null, out _));
        Assert.Equal("dpkg", VersionOrderings.Dpkg.Name);
        Assert.Same(VersionOrderings.Dpkg, VersionOrderings.For(Domain.Packages.PackageFormat.Dpkg));
        Assert.Same(VersionOrderings.Apk, VersionOrderings.For(Domain.Packages.PackageFormat.Apk));
        Assert.Same(VersionOrderings.Rpm, VersionOrderings.For(Domain.Packages.PackageFormat.Rpm));
    }
}

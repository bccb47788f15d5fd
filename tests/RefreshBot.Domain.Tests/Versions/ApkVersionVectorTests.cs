using RefreshBot.Domain.Versions;

namespace RefreshBot.Domain.Tests.Versions;

/// <summary>apk-tools' <c>test/unit/version.data</c> (Vectors/apk-tools-version), read as its <c>version_test.c</c> reads it.</summary>
public sealed class ApkVersionVectorTests
{
    public static TheoryData<int, string> Cases()
    {
        var data = new TheoryData<int, string>();
        foreach (var (number, text) in VersionVectors.Lines("apk-tools-version", "version.data"))
        {
            var hash = text.IndexOf('#', StringComparison.Ordinal);
            var line = (hash >= 0 ? text[..hash] : text).Trim();
            if (line.Length > 0)
            {
                data.Add(number, line);
            }
        }

        return data;
    }

    [Fact]
    public void All_785_cases_are_read()
        => Assert.Equal(785, Cases().Count);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Case_holds(int line, string text)
    {
        var parts = text.Split(' ');
        bool holds;
        if (parts.Length == 3)
        {
            var negated = parts[1].StartsWith('!');
            var op = negated ? parts[1][1..] : parts[1];
            holds = Matches(parts[0], op, parts[2]) != negated
                && (op != "~" || ApkVersion.IsFuzzyMatch(parts[0], parts[2]) != negated);
        }
        else
        {
            var negated = text.StartsWith('!');
            var version = negated ? text[1..] : text;
            holds = ApkVersion.IsValid(version) != negated
                && VersionOrderings.Apk.IsValid(version) != negated
                && ApkVersion.TryParse(version, out _) != negated;
        }

        Assert.True(holds, $"version.data:{line}: {text}");
    }

    [Theory]
    [InlineData("1.2.3-r4", 4UL)]
    [InlineData("1.2.3", 0UL)]
    [InlineData("1.0~1234-r1", 1UL)]
    public void Revision_is_the_r_number(string version, ulong revision)
        => Assert.Equal(revision, ApkVersion.Parse(version).Revision);

    [Fact]
    public void Equal_versions_are_equal_values_with_equal_hashes()
    {
        var a = ApkVersion.Parse("1.0_p1-r1");
        var b = ApkVersion.Parse("1.0_p1-r01");
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.True(ApkVersion.Parse("1.0_rc1") < ApkVersion.Parse("1.0"));
        Assert.True(ApkVersion.Parse("1.0_p1") > ApkVersion.Parse("1.0"));
        Assert.False(ApkVersion.TryParse("1.0_foo", out _));
        Assert.Throws<FormatException>(() => ApkVersion.Parse("1.0-r"));
    }

    [Fact]
    public void Ordering_refuses_only_empty_strings()
    {
        Assert.False(VersionOrderings.Apk.TryCompare("", "1.0", out _));
        Assert.True(VersionOrderings.Apk.TryCompare("1.0", "1.0bc", out var result));
        Assert.Equal(-1, result);
        Assert.Equal("apk", VersionOrderings.Apk.Name);
    }

    /// <summary><c>apk_version_match(a, op, b)</c>: the comparison's result is one of the operator's bits.</summary>
    private static bool Matches(string a, string op, string b)
    {
        var fuzzy = op.Contains('~');
        var result = ApkVersion.Compare(a, b, fuzzy);
        return result switch
        {
            < 0 => op.Contains('<'),
            > 0 => op.Contains('>'),
            _ => op.Contains('=') || fuzzy,
        };
    }
}

using RefreshBot.Domain.Versions;

namespace RefreshBot.Domain.Tests.Versions;

/// <summary>rpm's <c>tests/rpmvercmp.at</c> rows (Vectors/rpm-vercmp/rpmvercmp.tsv) and EVR handling.</summary>
public sealed class RpmVersionTests
{
    /// <summary>
    /// The <c>active</c> rows only. The 12 <c>oddity-not-run-upstream</c> rows are commented out upstream
    /// ("current, arguably buggy behaviors … for reference purposes") and the vector README says not to
    /// require them, so they are not asserted.
    /// </summary>
    public static TheoryData<int, string, string, int> ActiveRows()
    {
        var data = new TheoryData<int, string, string, int>();
        foreach (var (number, text) in VersionVectors.Lines("rpm-vercmp", "rpmvercmp.tsv"))
        {
            if (text.StartsWith('#') || text.Length == 0)
            {
                continue;
            }

            var columns = text.Split('\t');
            if (columns[3] == "active")
            {
                data.Add(number, columns[0], columns[1], int.Parse(columns[2], System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return data;
    }

    [Fact]
    public void All_91_active_rows_are_read() => Assert.Equal(91, ActiveRows().Count);

    [Theory]
    [MemberData(nameof(ActiveRows))]
    public void Rpmvercmp_row_holds(int line, string a, string b, int expected)
    {
        Assert.True(expected == RpmVersion.CompareSegments(a, b), $"rpmvercmp.tsv:{line}: {a} vs {b}");
        Assert.Equal(expected, RpmVersion.Compare(a, b));
    }

    [Theory]
    [InlineData("1:2.0-3.el9", "1", "2.0", "3.el9")]
    [InlineData("2.0-3", null, "2.0", "3")]
    [InlineData("2.0", null, "2.0", null)]
    [InlineData(":2.0", "", "2.0", null)]
    [InlineData("a:1-2", null, "a:1", "2")]
    [InlineData("1-2-3", null, "1-2", "3")]
    public void Evr_splits_as_rpm_parseEVR(string text, string? epoch, string version, string? release)
    {
        var parsed = RpmVersion.Parse(text);
        Assert.Equal(epoch, parsed.Epoch);
        Assert.Equal(version, parsed.Version);
        Assert.Equal(release, parsed.Release);
    }

    [Theory]
    [InlineData("0:1.0-1", "1.0-1", 0)]
    [InlineData("1:1.0-1", "2.0-1", 1)]
    [InlineData("1.0", "1.0-1", -1)]
    [InlineData("1.0-1", "1.0-1.el9", -1)]
    [InlineData("1.01-1", "1.1-1", 0)]
    public void Evr_orders_epoch_then_version_then_release(string a, string b, int expected)
    {
        Assert.Equal(expected, RpmVersion.Parse(a).CompareTo(RpmVersion.Parse(b)));
        Assert.Equal(expected == 0, RpmVersion.Parse(a) == RpmVersion.Parse(b));
        if (expected == 0)
        {
            Assert.Equal(RpmVersion.Parse(a).GetHashCode(), RpmVersion.Parse(b).GetHashCode());
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("1.0 -1")]
    [InlineData("1:")]
    [InlineData("-1")]
    public void Invalid_evr_is_rejected(string text)
    {
        Assert.False(RpmVersion.TryParse(text, out _));
        Assert.False(VersionOrderings.Rpm.IsValid(text));
    }
}

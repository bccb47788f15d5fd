using RefreshBot.Domain.Vulnerabilities.Severity;

namespace RefreshBot.Domain.Tests.Vulnerabilities;

public sealed class CvssV3Tests
{
    /// <summary>Scored examples from FIRST's "CVSS v3.1 Examples" document, and the vectors of the vector records (NVD scores).</summary>
    [Theory]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", 6.1)] // CVE-2013-1937
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:L/I:L/A:N", 6.4)] // CVE-2013-0375
    [InlineData("CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N", 3.1)] // CVE-2014-3566
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H", 9.9)] // CVE-2012-1516
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", 8.8)] // CVE-2012-0384
    [InlineData("CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H", 7.8)] // CVE-2015-1098
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", 7.5)] // CVE-2014-0160
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8)] // CVE-2014-6271
    [InlineData("CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:C/C:N/I:H/A:N", 6.8)] // CVE-2008-1447
    [InlineData("CVSS:3.1/AV:P/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 6.8)] // CVE-2014-2005
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:L/I:N/A:N", 5.8)] // CVE-2010-0467
    [InlineData("CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:C/C:N/I:H/A:H", 9.3)] // CVE-2013-6014
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:C/C:L/I:L/A:N", 5.4)] // CVE-2014-9253
    [InlineData("CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 8.8)] // CVE-2011-1265
    [InlineData("CVSS:3.1/AV:P/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:N", 4.6)] // CVE-2014-2019
    [InlineData("CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:N", 7.4)] // CVE-2014-0224
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:H/I:H/A:H", 9.6)] // CVE-2012-5376
    [InlineData("CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:H/I:H/A:H", 7.5)] // CVE-2016-2118
    [InlineData("CVSS:3.1/AV:L/AC:H/PR:L/UI:N/S:U/C:H/I:H/A:H", 7.0)] // ALPINE-CVE-2025-26519
    [InlineData("CVSS:3.1/AV:L/AC:H/PR:L/UI:N/S:U/C:H/I:N/A:N", 4.7)] // CVE-2018-5407
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:L/A:N", 5.3)] // CVE-2023-41045
    [InlineData("CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H", 8.1)] // RHSA-2022:0216
    [InlineData("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", 10.0)]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N", 0.0)]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:P/RL:O/RC:C", 9.8)] // temporal metrics ignored
    public void Base_score(string vector, double expected)
    {
        Assert.True(CvssV3.TryParse(vector, out var cvss));
        Assert.Equal(expected, cvss.BaseScore);
    }

    [Theory]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", SeverityLevel.Critical)]
    [InlineData("CVSS:3.1/AV:L/AC:H/PR:L/UI:N/S:U/C:H/I:H/A:H", SeverityLevel.High)]
    [InlineData("CVSS:3.1/AV:L/AC:H/PR:L/UI:N/S:U/C:H/I:N/A:N", SeverityLevel.Medium)]
    [InlineData("CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N", SeverityLevel.Low)]
    public void Rating(string vector, SeverityLevel expected)
    {
        Assert.True(CvssV3.TryParse(vector, out var cvss));
        Assert.Equal(expected, cvss.Level);
    }

    [Theory]
    [InlineData("AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")] // no prefix
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N")]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H")] // A missing
    [InlineData("CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")]
    [InlineData("CVSS:3.1/AV:N/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")] // repeated metric
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:Q/C:H/I:H/A:H")]
    [InlineData("")]
    public void Rejects_malformed_vectors(string vector) => Assert.False(CvssV3.TryParse(vector, out _));
}

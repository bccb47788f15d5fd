using System.Text.RegularExpressions;
using RefreshBot.Adapters.Reports;
using RefreshBot.Domain.Reports.Weekly;
using RefreshBot.Testing.Reports;

namespace RefreshBot.Integration.Tests.Reports.Html;

/// <summary>The page's source: self-contained, figures where the other formats have them, charts with one marker per point.</summary>
public sealed partial class WeeklyDigestHtmlTests
{
    [Fact]
    public void The_page_is_self_contained()
    {
        var html = WeeklyDigestHtml.Render(WeeklyDigestSamples.Busy);
        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.Contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("<link", html);
        Assert.DoesNotMatch(@"\ssrc=", html);
        Assert.DoesNotContain("url(http", html);
        Assert.DoesNotContain("xlink:href=\"http", html);
        var ids = Regex.Matches(html, "id=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(Regex.Matches(html, @"url\(#([^)]+)\)").Select(m => m.Groups[1].Value), id => Assert.Contains(id, ids));
    }

    [Fact]
    public void The_busy_fleet_shows_the_same_figures_as_the_markdown()
    {
        var html = WeeklyDigestHtml.Render(WeeklyDigestSamples.Busy);
        Assert.Contains("<title>RefreshBot weekly digest — 2026-W48</title>", html);
        Assert.Equal("4", Figure(html, "repositoriesTracked"));
        Assert.Equal("1 of 4 (25%)", Figure(html, "fullyFresh"));
        Assert.Equal("2 d 9 h", Figure(html, "medianLag"));
        Assert.Equal("4 d 6 h", Figure(html, "worstLag"));
        Assert.Equal("2", Figure(html, "openPullRequests"));
        Assert.Equal("7", Figure(html, "stillExposedCriticalHigh"));
        Assert.Contains("<tr data-row=\"stillExposed\"><th>Still exposed in current images</th><td class=\"num\">2</td><td class=\"num\">5</td><td class=\"num\">9</td><td class=\"num\">14</td><td class=\"num\">1</td><td class=\"num\">31</td></tr>", html);
        Assert.Contains("<a href=\"https://github.com/acme/api/pull/12\" title=\"Refresh base images (node)\">#12</a> · 3 d · <span class=\"ok\" title=\"built\">✓</span> · fixes 1 critical, 2 high, 1 low", html);
        Assert.Equal(["2", "1", "1", "1"],
            Regex.Matches(html, "<tr><td><code>docker.io/library/[^<]+</code></td><td class=\"num\">(\\d+)</td>").Select(m => m.Groups[1].Value));
    }

    [Theory]
    [InlineData("busy", 4, 4, 4)]
    [InlineData("first", 1, 1, 1)]
    [InlineData("errors", 0, 2, 2)]
    public void Trend_charts_have_one_marker_per_week_with_a_value(string sample, int lagPoints, int prPoints, int exposurePoints)
    {
        var html = WeeklyDigestHtml.Render(Sample(sample));
        var charts = Charts(html).ToDictionary(c => c.Id);
        Assert.Equal(lagPoints, charts["chart-median-lag"].Points);
        Assert.Equal(prPoints, charts["chart-open-prs"].Points);
        Assert.Equal(exposurePoints, charts["chart-exposure"].Points);
        Assert.All(charts.Values.Where(c => c.Id != "chart-base-images"), c => Assert.Equal(c.Points, Regex.Matches(c.Svg, "<ellipse ").Count));
    }

    [Fact]
    public void The_base_image_chart_has_one_bar_per_image()
    {
        var chart = Assert.Single(Charts(WeeklyDigestHtml.Render(WeeklyDigestSamples.Busy)), c => c.Id == "chart-base-images");
        Assert.Equal(4, chart.Points);
        Assert.Equal(4, Regex.Matches(chart.Svg, $"<rect [^>]*fill:{Regex.Escape(DigestCharts.BarFill)}").Count);
    }

    [Fact]
    public void An_empty_fleet_has_no_image_chart_and_says_so()
    {
        var html = WeeklyDigestHtml.Render(WeeklyDigestSamples.EmptyFleet);
        Assert.Contains("<p>No repositories are tracked.</p>", html);
        Assert.Contains("<p>No base images found.</p>", html);
        Assert.Contains("<p>First week: no earlier weeks to compare with.</p>", html);
        Assert.DoesNotContain("chart-base-images", html);
        Assert.Equal("0 of 0 (0%)", Figure(html, "fullyFresh"));
    }

    [Fact]
    public void Hostile_text_is_encoded_and_bad_urls_are_not_links()
    {
        var html = WeeklyDigestHtml.Render(HostileDigest.Digest);
        Assert.DoesNotContain("<script>alert(1)", html);
        Assert.DoesNotContain("<img src=x", html);
        Assert.DoesNotContain("<b>", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.DoesNotContain("href=\"javascript:", html);
        Assert.Contains("<br>#4 · ", html);
    }

    internal static WeeklyDigest Sample(string name) => name switch
    {
        "busy" => WeeklyDigestSamples.Busy,
        "empty" => WeeklyDigestSamples.EmptyFleet,
        "first" => WeeklyDigestSamples.FirstWeek,
        "errors" => WeeklyDigestSamples.ErrorsOnly,
        _ => HostileDigest.Digest,
    };

    /// <summary>The text of the element marked <c>data-figure="<paramref name="key"/>"</c>.</summary>
    internal static string Figure(string html, string key)
    {
        var match = Regex.Match(html, $"data-figure=\"{key}\">([^<]*)<");
        Assert.True(match.Success, $"no data-figure=\"{key}\" in the page");
        return System.Net.WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    internal sealed record Chart(string Id, int Points, string Svg);

    internal static IEnumerable<Chart> Charts(string html) =>
        ChartFigure().Matches(html).Select(m => new Chart(m.Groups[1].Value, int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), m.Groups[3].Value));

    [GeneratedRegex("<figure class=\"chart\" id=\"([^\"]+)\" data-points=\"(\\d+)\">(.*?)</figure>", RegexOptions.Singleline)]
    private static partial Regex ChartFigure();
}

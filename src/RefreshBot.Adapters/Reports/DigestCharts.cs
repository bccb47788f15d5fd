using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Series;
using RefreshBot.Domain.Reports.Weekly;

namespace RefreshBot.Adapters.Reports;

/// <summary>
/// The weekly digest's charts, drawn by OxyPlot and exported as inline SVG: a line chart per trend series (one circle
/// marker — an SVG <c>ellipse</c> — per week that has a value) and a bar chart of base images by repositories (one
/// <c>rect</c> filled with <see cref="BarFill"/> per image). Each chart is a <c>figure.chart</c> with an <c>id</c>,
/// <c>data-points</c> (markers or bars drawn) and a caption.
/// </summary>
internal static partial class DigestCharts
{
    /// <summary>The bar chart shows the images used most; the table lists them all.</summary>
    public const int MaxBars = 12;

    public const string BarFill = "rgb(37,99,235)";

    private const int Width = 480;

    private static readonly OxyColor Accent = OxyColor.FromRgb(37, 99, 235);

    public static string MedianLag(IReadOnlyList<WeekTrendPoint> trend) =>
        Line("chart-median-lag", "Median lag (days)", trend, p => p.MedianLag?.TotalDays, "0.#");

    public static string OpenPullRequests(IReadOnlyList<WeekTrendPoint> trend) =>
        Line("chart-open-prs", "Open refresh PRs", trend, p => p.OpenPullRequests, "0");

    public static string Exposure(IReadOnlyList<WeekTrendPoint> trend) =>
        Line("chart-exposure", "Critical + high exposed", trend, p => p.ExposedCriticalHigh, "0");

    public static string BaseImages(IReadOnlyList<BaseImageUse> images)
    {
        var shown = images.Take(MaxBars).ToList();
        var labels = shown.Select(i => ShortName(i.Image)).ToList();
        var model = Model();

        // OxyPlot measures text with its own font metrics, narrower than a browser's sans-serif: reserve the labels' room.
        model.PlotMargins = new OxyThickness(Math.Min(220, 12 + (8 * labels.DefaultIfEmpty("").Max(l => l.Length))), double.NaN, double.NaN, double.NaN);
        model.Axes.Add(new CategoryAxis
        {
            Position = AxisPosition.Left,
            StartPosition = 1, // most used on top
            EndPosition = 0,
            ItemsSource = labels,
            IsZoomEnabled = false,
            IsPanEnabled = false,
        });
        model.Axes.Add(new LinearAxis
        {
            Position = AxisPosition.Bottom,
            Minimum = 0,
            MinimumRange = 1,
            MajorStep = Math.Max(1, Math.Ceiling((shown.Count == 0 ? 1 : shown.Max(i => i.Repositories)) / 5.0)),
            MinorStep = 1,
            StringFormat = "0",
            MaximumPadding = 0.1,
        });
        var bars = new BarSeries { FillColor = Accent, LabelFormatString = "{0}", LabelPlacement = LabelPlacement.Inside, TextColor = OxyColors.White };
        bars.Items.AddRange(shown.Select(i => new BarItem(i.Repositories)));
        model.Series.Add(bars);
        var height = 60 + (28 * Math.Max(1, shown.Count));
        var caption = shown.Count < images.Count
            ? $"Base images by repositories (top {shown.Count} of {images.Count})"
            : "Base images by repositories";
        return Figure("chart-base-images", caption, shown.Count, Svg(model, "chart-base-images", height, caption));
    }

    private static string Line(string id, string title, IReadOnlyList<WeekTrendPoint> trend, Func<WeekTrendPoint, double?> value, string format)
    {
        var model = Model();
        model.Axes.Add(new CategoryAxis
        {
            Position = AxisPosition.Bottom,
            ItemsSource = trend.Select(p => p.Week.Week.ToString("'W'00", CultureInfo.InvariantCulture)).ToList(),
            IsZoomEnabled = false,
            IsPanEnabled = false,
        });
        model.Axes.Add(new LinearAxis
        {
            Position = AxisPosition.Left,
            Minimum = 0,
            MinimumRange = 1,
            MaximumPadding = 0.15,
            StringFormat = format,
            MajorGridlineStyle = LineStyle.Dot,
            MajorGridlineColor = OxyColor.FromRgb(220, 220, 220),
        });
        var series = new LineSeries
        {
            Color = Accent,
            StrokeThickness = 2,
            MarkerType = MarkerType.Circle,
            MarkerSize = 4,
            MarkerFill = Accent,
        };
        for (var i = 0; i < trend.Count; i++)
        {
            if (value(trend[i]) is { } y)
            {
                series.Points.Add(new DataPoint(i, y));
            }
        }

        model.Series.Add(series);
        return Figure(id, title, series.Points.Count, Svg(model, id, 220, title));
    }

    private static PlotModel Model() => new()
    {
        DefaultFont = "Arial",
        DefaultFontSize = 13,
        PlotAreaBorderColor = OxyColor.FromRgb(200, 200, 200),
        Padding = new OxyThickness(4, 8, 16, 4),
        IsLegendVisible = false,
    };

    private static string Figure(string id, string caption, int points, string svg) =>
        string.Create(CultureInfo.InvariantCulture, $"<figure class=\"chart\" id=\"{id}\" data-points=\"{points}\">\n{svg}\n<figcaption>{WebUtility.HtmlEncode(caption)}</figcaption>\n</figure>\n");

    /// <summary>OxyPlot's SVG fragment made fit to inline several in one page: no XML declaration, a viewBox (so CSS can
    /// scale it), clip-path ids prefixed with the chart's id (they are document-wide), an accessible name.</summary>
    private static string Svg(PlotModel model, string id, int height, string label)
    {
        var svg = SvgExporter.ExportToString(model, Width, height, isDocument: false);
        svg = XmlDeclaration().Replace(svg, "");
        svg = ClipPathId().Replace(svg, m => $"{m.Groups[1].Value}{id}-{m.Groups[2].Value}");
        var open = string.Create(CultureInfo.InvariantCulture,
            $"<svg viewBox=\"0 0 {Width} {height}\" role=\"img\" aria-label=\"{WebUtility.HtmlEncode(label)}\" ");
        return SvgOpen().Replace(svg, open, 1).Trim();
    }

    /// <summary>"docker.io/library/node" → "node"; other names keep their registry.</summary>
    private static string ShortName(string image) =>
        image.StartsWith("docker.io/library/", StringComparison.Ordinal) ? image["docker.io/library/".Length..] : image;

    [GeneratedRegex(@"<\?xml[^>]*\?>\s*")]
    private static partial Regex XmlDeclaration();

    [GeneratedRegex(@"(id=""|url\(#)(clipPath\d+)")]
    private static partial Regex ClipPathId();

    [GeneratedRegex(@"<svg ")]
    private static partial Regex SvgOpen();
}

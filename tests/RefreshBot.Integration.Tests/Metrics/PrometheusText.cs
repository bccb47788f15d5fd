using System.Globalization;
using System.Text;

namespace RefreshBot.Integration.Tests.Metrics;

/// <summary>One sample: metric name, labels, value.</summary>
public sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

/// <summary>
/// A parser of the Prometheus text exposition format (version 0.0.4): <c># HELP</c> / <c># TYPE</c> lines, samples
/// <c>name{label="value",…} value [timestamp]</c> with escaped label values (<c>\\</c>, <c>\"</c>, <c>\n</c>). Strict: a
/// line it cannot read fails the test, so a broken exposition cannot pass unnoticed.
/// </summary>
public sealed class PrometheusText
{
    private PrometheusText(IReadOnlyList<PrometheusSample> samples, IReadOnlyDictionary<string, string> types)
    {
        Samples = samples;
        Types = types;
    }

    public IReadOnlyList<PrometheusSample> Samples { get; }

    /// <summary>Declared type (<c>counter</c>, <c>gauge</c>, <c>histogram</c>, …) by metric family name.</summary>
    public IReadOnlyDictionary<string, string> Types { get; }

    /// <summary>The value of the sample <paramref name="name"/> whose labels include <paramref name="labels"/>; 0 when there is none.</summary>
    public double Value(string name, params (string Name, string Value)[] labels) =>
        Matching(name, labels).Sum(s => s.Value);

    public IEnumerable<PrometheusSample> Matching(string name, params (string Name, string Value)[] labels) =>
        Samples.Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Name, out var v) && v == l.Value));

    public static PrometheusText Parse(string text)
    {
        var samples = new List<PrometheusSample>();
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        var number = 0;
        foreach (var line in text.Split('\n'))
        {
            number++;
            if (line.Trim().Length == 0)
            {
                continue;
            }

            if (line.StartsWith('#'))
            {
                // # HELP name text, # TYPE name type; any other comment is allowed by the format
                var parts = line.Split(' ', 4, StringSplitOptions.None);
                if (parts.Length == 4 && parts[1] == "TYPE")
                {
                    types[parts[2]] = parts[3].Trim();
                }

                continue;
            }

            samples.Add(Sample(line, number));
        }

        return new PrometheusText(samples, types);
    }

    private static PrometheusSample Sample(string line, int number)
    {
        var i = 0;
        while (i < line.Length && (char.IsAsciiLetterOrDigit(line[i]) || line[i] is '_' or ':'))
        {
            i++;
        }

        var name = line[..i];
        Check(name.Length > 0 && !char.IsAsciiDigit(name[0]), line, number, "a metric name");
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (i < line.Length && line[i] == '{')
        {
            i++;
            while (true)
            {
                if (line[i] == '}')
                {
                    i++;
                    break;
                }

                var start = i;
                while (char.IsAsciiLetterOrDigit(line[i]) || line[i] == '_')
                {
                    i++;
                }

                var label = line[start..i];
                Check(label.Length > 0 && line[i] == '=' && line[i + 1] == '"', line, number, "label=\"value\"");
                i += 2;
                var value = new StringBuilder();
                while (line[i] != '"')
                {
                    if (line[i] == '\\')
                    {
                        i++;
                        value.Append(line[i] switch
                        {
                            'n' => '\n',
                            '\\' => '\\',
                            '"' => '"',
                            _ => throw new FormatException($"line {number}: unknown escape \\{line[i]} in {line}"),
                        });
                    }
                    else
                    {
                        value.Append(line[i]);
                    }

                    i++;
                }

                i++;
                Check(labels.TryAdd(label, value.ToString()), line, number, "each label once");
                if (line[i] == ',')
                {
                    i++;
                }
            }
        }

        var rest = line[i..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Check(rest.Length is 1 or 2, line, number, "a value and an optional timestamp");
        var parsed = rest[0] switch
        {
            "+Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            "NaN" => double.NaN,
            var v when double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
            _ => throw new FormatException($"line {number}: expected a number, got '{rest[0]}' in {line}"),
        };
        return new PrometheusSample(name, labels, parsed);
    }

    private static void Check(bool condition, string line, int number, string expected)
    {
        if (!condition)
        {
            throw new FormatException($"line {number}: expected {expected} in {line}");
        }
    }
}

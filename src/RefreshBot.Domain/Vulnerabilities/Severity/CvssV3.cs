using System.Diagnostics.CodeAnalysis;

namespace RefreshBot.Domain.Vulnerabilities.Severity;

/// <summary>
/// A CVSS 3.0/3.1 vector's base metrics and base score, computed with the specification's formula
/// (FIRST CVSS v3.1 specification, section 7.1; Roundup as defined in its Appendix A for both 3.0 and 3.1).
/// </summary>
public sealed record CvssV3(string Vector, double BaseScore)
{
    private static readonly string[] BaseMetrics = ["AV", "AC", "PR", "UI", "S", "C", "I", "A"];

    /// <summary>Parses <c>CVSS:3.x/AV:N/AC:L/…</c>; temporal and environmental metrics are allowed and ignored.</summary>
    public static bool TryParse(string vector, [NotNullWhen(true)] out CvssV3? cvss)
    {
        cvss = null;
        var trimmed = vector.AsSpan().Trim();
        var partCount = trimmed.Count('/') + 1;
        if (partCount < 9)
        {
            return false;
        }

        var parts = partCount <= 32 ? stackalloc Range[partCount] : new Range[partCount];
        trimmed.Split(parts, '/');
        if (trimmed[parts[0]] is not ("CVSS:3.0" or "CVSS:3.1"))
        {
            return false;
        }

        // Base metric values by BaseMetrics index (as ranges into the vector); every key must be unique.
        Span<Range> values = stackalloc Range[BaseMetrics.Length];
        Span<bool> found = stackalloc bool[BaseMetrics.Length];
        for (var p = 1; p < partCount; p++)
        {
            var part = trimmed[parts[p]];
            var colon = part.IndexOf(':');
            if (colon <= 0 || KeySeenBefore(trimmed, parts, p, part[..colon]))
            {
                return false;
            }

            var metric = BaseMetricIndex(part[..colon]);
            if (metric >= 0)
            {
                found[metric] = true;
                var (offset, _) = parts[p].GetOffsetAndLength(trimmed.Length);
                values[metric] = new Range(offset + colon + 1, parts[p].End);
            }
        }

        if (found.Contains(false))
        {
            return false;
        }

        var score = Score(trimmed, values);
        if (score is null)
        {
            return false;
        }

        cvss = new CvssV3(trimmed.Length == vector.Length ? vector : trimmed.ToString(), score.Value);
        return true;
    }

    /// <summary>The qualitative rating of the base score (0.0 is "none", reported as low).</summary>
    public SeverityLevel Level => BaseScore switch
    {
        >= 9.0 => SeverityLevel.Critical,
        >= 7.0 => SeverityLevel.High,
        >= 4.0 => SeverityLevel.Medium,
        _ => SeverityLevel.Low,
    };

    private static int BaseMetricIndex(ReadOnlySpan<char> key)
    {
        for (var m = 0; m < BaseMetrics.Length; m++)
        {
            if (key.SequenceEqual(BaseMetrics[m]))
            {
                return m;
            }
        }

        return -1;
    }

    /// <summary>True when an earlier part (1..<paramref name="before"/>) has the key <paramref name="key"/>.</summary>
    private static bool KeySeenBefore(ReadOnlySpan<char> vector, ReadOnlySpan<Range> parts, int before, ReadOnlySpan<char> key)
    {
        for (var p = 1; p < before; p++)
        {
            var part = vector[parts[p]];
            var colon = part.IndexOf(':');
            if (colon > 0 && part[..colon].SequenceEqual(key))
            {
                return true;
            }
        }

        return false;
    }

    private static double? Score(ReadOnlySpan<char> vector, ReadOnlySpan<Range> values)
    {
        var changed = vector[values[4]] switch { "U" => false, "C" => true, _ => (bool?)null };
        double? av = vector[values[0]] switch { "N" => 0.85, "A" => 0.62, "L" => 0.55, "P" => 0.2, _ => null };
        double? ac = vector[values[1]] switch { "L" => 0.77, "H" => 0.44, _ => null };
        double? pr = vector[values[2]] switch
        {
            "N" => 0.85,
            "L" => changed == true ? 0.68 : 0.62,
            "H" => changed == true ? 0.5 : 0.27,
            _ => null,
        };
        double? ui = vector[values[3]] switch { "N" => 0.85, "R" => 0.62, _ => null };
        double? c = Impact(vector[values[5]]), i = Impact(vector[values[6]]), a = Impact(vector[values[7]]);
        if (changed is null || av is null || ac is null || pr is null || ui is null || c is null || i is null || a is null)
        {
            return null;
        }

        var iss = 1 - ((1 - c.Value) * (1 - i.Value) * (1 - a.Value));
        var impact = changed.Value
            ? (7.52 * (iss - 0.029)) - (3.25 * Math.Pow(iss - 0.02, 15))
            : 6.42 * iss;
        if (impact <= 0)
        {
            return 0.0;
        }

        var exploitability = 8.22 * av.Value * ac.Value * pr.Value * ui.Value;
        return changed.Value
            ? Roundup(Math.Min(1.08 * (impact + exploitability), 10))
            : Roundup(Math.Min(impact + exploitability, 10));
    }

    private static double? Impact(ReadOnlySpan<char> value) => value switch { "H" => 0.56, "L" => 0.22, "N" => 0.0, _ => null };

    /// <summary>CVSS v3.1 Roundup: the smallest one-decimal number ≥ the input, robust to floating-point noise.</summary>
    private static double Roundup(double input)
    {
        var scaled = (long)Math.Round(input * 100_000);
        return scaled % 10_000 == 0 ? scaled / 100_000.0 : (Math.Floor(scaled / 10_000.0) + 1) / 10.0;
    }
}

using RefreshBot.Domain.Versions;

namespace RefreshBot.Domain.Vulnerabilities.Matching;

/// <summary>
/// Semantic Versioning 2.0.0 precedence (section 11) for OSV <c>SEMVER</c> ranges: numeric major.minor.patch,
/// pre-release identifiers compared field by field (numeric below alphanumeric), build metadata ignored.
/// OS packages never use SEMVER ranges; this exists so a record that does is judged, not skipped.
/// A leading <c>v</c> is tolerated, as OSV's own tooling does.
/// </summary>
public sealed class SemverOrdering : IVersionOrdering
{
    public static SemverOrdering Instance { get; } = new();

    public string Name => "semver";

    public bool IsValid(string version) => TryParse(version, out _, out _);

    public bool TryCompare(string a, string b, out int result)
    {
        result = 0;
        if (!TryParse(a, out var coreA, out var preA) || !TryParse(b, out var coreB, out var preB))
        {
            return false;
        }

        for (var i = 0; i < 3 && result == 0; i++)
        {
            result = coreA[i].CompareTo(coreB[i]);
        }

        if (result == 0)
        {
            result = ComparePrerelease(preA, preB);
        }

        result = Math.Sign(result);
        return true;
    }

    private static int ComparePrerelease(string[] a, string[] b)
    {
        if (a.Length == 0 || b.Length == 0)
        {
            return b.Length.CompareTo(a.Length); // a release is above its pre-releases
        }

        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            var aNumeric = ulong.TryParse(a[i], out var aNumber) && a[i].All(char.IsAsciiDigit);
            var bNumeric = ulong.TryParse(b[i], out var bNumber) && b[i].All(char.IsAsciiDigit);
            var c = (aNumeric, bNumeric) switch
            {
                (true, true) => aNumber.CompareTo(bNumber),
                (true, false) => -1,
                (false, true) => 1,
                _ => string.CompareOrdinal(a[i], b[i]),
            };
            if (c != 0)
            {
                return c;
            }
        }

        return a.Length.CompareTo(b.Length);
    }

    private static bool TryParse(string version, out ulong[] core, out string[] prerelease)
    {
        core = [];
        prerelease = [];
        var text = version.StartsWith('v') ? version[1..] : version;
        var plus = text.IndexOf('+', StringComparison.Ordinal);
        if (plus >= 0)
        {
            text = text[..plus];
        }

        var dash = text.IndexOf('-', StringComparison.Ordinal);
        var coreText = dash < 0 ? text : text[..dash];
        if (dash >= 0)
        {
            prerelease = text[(dash + 1)..].Split('.');
            if (prerelease.Any(p => p.Length == 0 || !p.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')))
            {
                return false;
            }
        }

        var parts = coreText.Split('.');
        if (parts.Length != 3 || parts.Any(p => p.Length == 0 || !p.All(char.IsAsciiDigit)))
        {
            return false;
        }

        core = parts.Select(p => ulong.TryParse(p, out var n) ? n : ulong.MaxValue).ToArray();
        return true;
    }
}

namespace RefreshBot.Domain.Versions;

/// <summary>
/// An rpm EVR <c>[epoch:]version[-release]</c>, ordered as rpm orders it: epoch (absent = 0) by value,
/// then version and release with <c>rpmvercmp</c>.
/// </summary>
/// <remarks>
/// <para>Split as rpm's <c>parseEVR</c> does: an epoch is the leading digits when a colon follows them
/// (<c>:1</c> has epoch 0; <c>a:1</c> has none, its version is <c>a:1</c>); the release is after the LAST
/// hyphen.</para>
/// <para>rpm itself ignores the release when only one side has one (a dependency <c>foo = 1.0</c>
/// matches any release). That is not a total order, and OSV ranges need one: here an absent release
/// sorts before any release, even an empty one (<c>1 &lt; 1-</c> &lt; <c>1-0</c>), as OSV-SCALIBR does.</para>
/// <para>Valid means: not empty, no whitespace or control characters, a non-empty version part.
/// rpm compares anything, so <see cref="Compare(ReadOnlySpan{char}, ReadOnlySpan{char})"/> does too.</para>
/// </remarks>
public readonly struct RpmVersion : IEquatable<RpmVersion>, IComparable<RpmVersion>, IComparable
{
    private readonly string? _text;

    private RpmVersion(string text) => _text = text;

    /// <summary>The epoch digits as written, or null when absent.</summary>
    public string? Epoch => Split(ToString(), out var epoch, out _, out _) ? epoch.ToString() : null;

    public string Version
    {
        get
        {
            Split(ToString(), out _, out var version, out _);
            return version.ToString();
        }
    }

    /// <summary>The release, or null when absent.</summary>
    public string? Release
    {
        get
        {
            var text = ToString();
            Split(text, out _, out _, out var release);
            return text.LastIndexOf('-') >= 0 ? release.ToString() : null;
        }
    }

    public static RpmVersion Parse(string text)
        => TryParse(text, out var version) ? version : throw new FormatException($"invalid rpm version \"{text}\"");

    public static bool TryParse(string? text, out RpmVersion version)
    {
        var valid = text is not null && IsValid(text);
        version = valid ? new RpmVersion(text!) : default;
        return valid;
    }

    public static bool IsValid(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                return false;
            }
        }

        Split(text, out _, out var version, out _);
        return !version.IsEmpty;
    }

    /// <summary>Compares two EVR strings; returns -1, 0 or 1.</summary>
    public static int Compare(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        Split(a, out var epochA, out var versionA, out var releaseA);
        Split(b, out var epochB, out var versionB, out var releaseB);
        var epoch = CompareEpochs(epochA, epochB);
        if (epoch != 0)
        {
            return epoch;
        }

        var version = RpmComparison.Compare(versionA, versionB);
        if (version != 0)
        {
            return version;
        }

        var hasReleaseA = a.LastIndexOf('-') >= 0;
        var hasReleaseB = b.LastIndexOf('-') >= 0;
        if (hasReleaseA != hasReleaseB)
        {
            return hasReleaseA ? 1 : -1;
        }

        return RpmComparison.Compare(releaseA, releaseB);
    }

    /// <summary><c>rpmvercmp</c> over a single version or release string (no epoch, no release split).</summary>
    public static int CompareSegments(ReadOnlySpan<char> a, ReadOnlySpan<char> b) => RpmComparison.Compare(a, b);

    public int CompareTo(RpmVersion other) => Compare(ToString(), other.ToString());

    public int CompareTo(object? obj) => obj switch
    {
        null => 1,
        RpmVersion other => CompareTo(other),
        _ => throw new ArgumentException("not an RpmVersion", nameof(obj)),
    };

    /// <summary>Ordering equality (<c>0:1.0-1 == 1.0-1</c>, <c>1.01 == 1.1</c>).</summary>
    public bool Equals(RpmVersion other) => CompareTo(other) == 0;

    public override bool Equals(object? obj) => obj is RpmVersion other && Equals(other);

    /// <summary>Hash of the alphanumeric segments with leading zeros dropped and of <c>~</c>/<c>^</c>.</summary>
    public override int GetHashCode()
    {
        var text = ToString().AsSpan();
        Split(text, out var epoch, out var version, out var release);
        var hash = default(HashCode);
        AddSegments(ref hash, epoch.IsEmpty ? "0" : epoch);
        AddSegments(ref hash, version);
        hash.Add(text.LastIndexOf('-') >= 0);
        AddSegments(ref hash, release);
        return hash.ToHashCode();
    }

    public override string ToString() => _text ?? "0";

    public static bool operator ==(RpmVersion left, RpmVersion right) => left.Equals(right);

    public static bool operator !=(RpmVersion left, RpmVersion right) => !left.Equals(right);

    public static bool operator <(RpmVersion left, RpmVersion right) => left.CompareTo(right) < 0;

    public static bool operator <=(RpmVersion left, RpmVersion right) => left.CompareTo(right) <= 0;

    public static bool operator >(RpmVersion left, RpmVersion right) => left.CompareTo(right) > 0;

    public static bool operator >=(RpmVersion left, RpmVersion right) => left.CompareTo(right) >= 0;

    /// <summary>rpm's <c>parseEVR</c>; returns true when an epoch was present.</summary>
    private static bool Split(ReadOnlySpan<char> evr, out ReadOnlySpan<char> epoch, out ReadOnlySpan<char> version, out ReadOnlySpan<char> release)
    {
        var digits = evr.IndexOfAnyExceptInRange('0', '9');
        var hasEpoch = digits >= 0 && evr[digits] == ':';
        epoch = hasEpoch ? evr[..digits] : default;
        var rest = hasEpoch ? evr[(digits + 1)..] : evr;
        var hyphen = rest.LastIndexOf('-');
        version = hyphen >= 0 ? rest[..hyphen] : rest;
        release = hyphen >= 0 ? rest[(hyphen + 1)..] : default;
        return hasEpoch;
    }

    private static int CompareEpochs(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        a = a.TrimStart('0');
        b = b.TrimStart('0');
        if (a.Length != b.Length)
        {
            return a.Length < b.Length ? -1 : 1;
        }

        return a.SequenceCompareTo(b) switch { < 0 => -1, 0 => 0, _ => 1 };
    }

    /// <summary>Hashes the segment sequence rpmvercmp sees: digit runs without leading zeros, letter runs, ~ and ^.</summary>
    private static void AddSegments(ref HashCode hash, ReadOnlySpan<char> text)
    {
        var previous = ' ';
        var leadingZero = true;
        foreach (var c in text)
        {
            var kind = char.IsAsciiDigit(c) ? 'd' : char.IsAsciiLetter(c) ? 'a' : c is '~' or '^' ? c : ' ';
            if (kind == ' ')
            {
                previous = ' ';
                continue;
            }

            if (kind != previous || kind is '~' or '^')
            {
                hash.Add('|');
                leadingZero = true;
            }

            if (kind != 'd' || c != '0' || !leadingZero)
            {
                hash.Add(c);
                leadingZero = false;
            }

            previous = kind;
        }

        hash.Add('/');
    }
}

namespace RefreshBot.Domain.Versions;

/// <summary>
/// A Debian package version <c>[epoch:]upstream[-revision]</c>, ordered as dpkg orders it.
/// </summary>
/// <remarks>
/// <para>Parsing follows dpkg's <c>parseversion</c>: surrounding whitespace is ignored; the epoch is
/// the digits before the FIRST colon (0 to 2147483647); the revision is after the LAST hyphen;
/// the upstream part must start with a digit and holds only <c>[A-Za-z0-9.+~:-]</c>; the revision
/// holds only <c>[A-Za-z0-9.+~]</c>. dpkg reports the last three as warnings; they are errors here,
/// as in <c>Dpkg::Version::is_valid</c>.</para>
/// <para>Equality follows the ordering: <c>1.0 == 1.00</c> and <c>1.0 == 0:1.0-0</c>.</para>
/// </remarks>
public readonly struct DpkgVersion : IEquatable<DpkgVersion>, IComparable<DpkgVersion>, IComparable
{
    private readonly string? _text;

    private DpkgVersion(string text, int epoch, string upstream, string revision, bool hasEpoch, bool hasRevision)
    {
        _text = text;
        Epoch = epoch;
        Upstream = upstream;
        Revision = revision;
        HasEpoch = hasEpoch;
        HasRevision = hasRevision;
    }

    public int Epoch { get; }

    public string Upstream => field ?? "0";

    /// <summary>The Debian revision; empty when absent (an absent revision orders like <c>0</c>).</summary>
    public string Revision => field ?? string.Empty;

    public bool HasEpoch { get; }

    public bool HasRevision { get; }

    /// <summary>Parses a version; throws <see cref="FormatException"/> naming what is wrong.</summary>
    public static DpkgVersion Parse(string text)
        => TryParse(text, out var version, out var error) ? version : throw new FormatException(error);

    public static bool TryParse(string? text, out DpkgVersion version) => TryParse(text, out version, out _);

    public static bool TryParse(string? text, out DpkgVersion version, out string? error)
    {
        version = default;
        if (text is null)
        {
            error = "version string is empty";
            return false;
        }

        var problem = DpkgVersionSyntax.Split(text, out var parts);
        if (problem is not null)
        {
            error = problem.Value.Message;
            return false;
        }

        var trimmed = text.AsSpan().Trim(DpkgVersionSyntax.Whitespace);
        var canonical = trimmed.Length == text.Length ? text : trimmed.ToString();
        version = new DpkgVersion(
            canonical,
            parts.Epoch,
            parts.Upstream.ToString(),
            parts.Revision.ToString(),
            parts.HasEpoch,
            parts.HasRevision);
        error = null;
        return true;
    }

    /// <summary>True when <paramref name="text"/> is a valid dpkg version (no warning-level problem either).</summary>
    public static bool IsValid(ReadOnlySpan<char> text) => DpkgVersionSyntax.Split(text, out _) is null;

    /// <summary>
    /// Compares two version strings as <c>dpkg --compare-versions</c> does, without allocating: returns
    /// false only for what dpkg refuses outright (empty, bad or oversized epoch, empty upstream or
    /// revision, embedded space); warning-level oddities (upstream not starting with a digit, unusual
    /// characters) are compared as dpkg compares them.
    /// </summary>
    public static bool TryCompare(ReadOnlySpan<char> a, ReadOnlySpan<char> b, out int result)
    {
        result = 0;
        var problemA = DpkgVersionSyntax.Split(a, out var left);
        var problemB = DpkgVersionSyntax.Split(b, out var right);
        if (problemA is { IsWarning: false } || problemB is { IsWarning: false })
        {
            return false;
        }

        result = Compare(left, right);
        return true;
    }

    /// <summary>Compares two version strings; throws <see cref="FormatException"/> where <see cref="TryCompare"/> returns false.</summary>
    public static int Compare(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
        => TryCompare(a, b, out var result)
            ? result
            : throw new FormatException($"cannot compare dpkg versions \"{a}\" and \"{b}\"");

    /// <summary>dpkg's <c>verrevcmp</c> over one upstream-version or revision part; returns -1, 0 or 1.</summary>
    public static int ComparePart(ReadOnlySpan<char> a, ReadOnlySpan<char> b) => DpkgComparison.ComparePart(a, b);

    public int CompareTo(DpkgVersion other)
    {
        var epoch = Epoch.CompareTo(other.Epoch);
        if (epoch != 0)
        {
            return epoch < 0 ? -1 : 1;
        }

        var upstream = DpkgComparison.ComparePart(Upstream, other.Upstream);
        return upstream != 0 ? upstream : DpkgComparison.ComparePart(Revision, other.Revision);
    }

    public int CompareTo(object? obj) => obj switch
    {
        null => 1,
        DpkgVersion other => CompareTo(other),
        _ => throw new ArgumentException("not a DpkgVersion", nameof(obj)),
    };

    public bool Equals(DpkgVersion other) => CompareTo(other) == 0;

    public override bool Equals(object? obj) => obj is DpkgVersion other && Equals(other);

    public override int GetHashCode()
    {
        var hash = default(HashCode);
        hash.Add(Epoch);
        DpkgComparison.AddCanonical(ref hash, Upstream);
        DpkgComparison.AddCanonical(ref hash, Revision);
        return hash.ToHashCode();
    }

    /// <summary>The version as written (surrounding whitespace removed).</summary>
    public override string ToString() => _text ?? "0";

    public static bool operator ==(DpkgVersion left, DpkgVersion right) => left.Equals(right);

    public static bool operator !=(DpkgVersion left, DpkgVersion right) => !left.Equals(right);

    public static bool operator <(DpkgVersion left, DpkgVersion right) => left.CompareTo(right) < 0;

    public static bool operator <=(DpkgVersion left, DpkgVersion right) => left.CompareTo(right) <= 0;

    public static bool operator >(DpkgVersion left, DpkgVersion right) => left.CompareTo(right) > 0;

    public static bool operator >=(DpkgVersion left, DpkgVersion right) => left.CompareTo(right) >= 0;

    private static int Compare(in DpkgVersionSyntax.Parts left, in DpkgVersionSyntax.Parts right)
    {
        if (left.Epoch != right.Epoch)
        {
            return left.Epoch < right.Epoch ? -1 : 1;
        }

        var upstream = DpkgComparison.ComparePart(left.Upstream, right.Upstream);
        return upstream != 0 ? upstream : DpkgComparison.ComparePart(left.Revision, right.Revision);
    }
}

namespace RefreshBot.Domain.Versions;

/// <summary>
/// An Alpine package version (apk-tools grammar <c>digit{.digit}...{letter}{_suffix{number}}...{~hash}{-r#}</c>),
/// ordered as apk-tools 3 orders it.
/// </summary>
/// <remarks>
/// <para>Suffixes: <c>_alpha</c> &lt; <c>_beta</c> &lt; <c>_pre</c> &lt; <c>_rc</c> &lt; (none) &lt;
/// <c>_cvs</c> &lt; <c>_svn</c> &lt; <c>_git</c> &lt; <c>_hg</c> &lt; <c>_p</c>. A digit run after a dot with
/// a leading zero compares as a string (<c>8.2.0015 &lt; 8.2.002</c>); a commit hash <c>~hex</c> compares
/// as a string.</para>
/// <para>Like apk, the comparison also orders invalid versions: tokens are compared up to the first
/// invalid one, and a string that ends (or turns invalid) earlier than the other sorts by token kind.
/// <see cref="IsValid(ReadOnlySpan{char})"/> tells them apart; <see cref="TryParse(string?, out ApkVersion)"/>
/// accepts only valid versions.</para>
/// </remarks>
public readonly struct ApkVersion : IEquatable<ApkVersion>, IComparable<ApkVersion>, IComparable
{
    private readonly string? _text;

    private ApkVersion(string text) => _text = text;

    /// <summary>The <c>-rN</c> package revision (0 when absent).</summary>
    public ulong Revision
    {
        get
        {
            var tokens = new ApkTokenizer(ToString());
            while (tokens.Kind < ApkTokenKind.End)
            {
                if (tokens.Kind == ApkTokenKind.Revision)
                {
                    return tokens.Number;
                }

                tokens.Next();
            }

            return 0;
        }
    }

    public static ApkVersion Parse(string text)
        => TryParse(text, out var version) ? version : throw new FormatException($"invalid apk version \"{text}\"");

    public static bool TryParse(string? text, out ApkVersion version)
    {
        version = text is not null && IsValid(text) ? new ApkVersion(text) : default;
        return text is not null && version._text is not null;
    }

    /// <summary><c>apk_version_validate</c>: the whole string follows the grammar.</summary>
    public static bool IsValid(ReadOnlySpan<char> version)
    {
        var tokens = new ApkTokenizer(version);
        while (tokens.Kind < ApkTokenKind.End)
        {
            tokens.Next();
        }

        return tokens.Kind == ApkTokenKind.End;
    }

    /// <summary>Compares two version strings as apk does (valid or not); returns -1, 0 or 1.</summary>
    public static int Compare(ReadOnlySpan<char> a, ReadOnlySpan<char> b) => Compare(a, b, fuzzy: false);

    /// <summary>
    /// apk's fuzzy match <c>version ~ prefix</c>: true when <paramref name="version"/> equals
    /// <paramref name="prefix"/> on every token <paramref name="prefix"/> has (<c>3.6.9 ~ 3.6</c>).
    /// </summary>
    public static bool IsFuzzyMatch(ReadOnlySpan<char> version, ReadOnlySpan<char> prefix)
        => Compare(version, prefix, fuzzy: true) == 0;

    /// <summary>
    /// Compares with apk's fuzzy rule: when <paramref name="b"/> runs out of tokens first and all
    /// tokens so far are equal, the result is 0 (<c>apk_version_compare_fuzzy</c>).
    /// </summary>
    public static int Compare(ReadOnlySpan<char> a, ReadOnlySpan<char> b, bool fuzzy)
    {
        var left = new ApkTokenizer(a, digitsAfterLetter: true);
        var right = new ApkTokenizer(b, digitsAfterLetter: true);
        while (left.Kind == right.Kind && left.Kind < ApkTokenKind.End)
        {
            var token = CompareTokens(ref left, ref right);
            if (token != 0)
            {
                return token;
            }

            left.Next();
            right.Next();
        }

        if (left.Kind == right.Kind || (fuzzy && right.Kind == ApkTokenKind.End))
        {
            return 0;
        }

        // Equal so far: the one that goes on is newer, unless what follows is a pre-release suffix.
        if (left.Kind == ApkTokenKind.Suffix && left.Suffix < ApkSuffixes.None)
        {
            return -1;
        }

        if (right.Kind == ApkTokenKind.Suffix && right.Suffix < ApkSuffixes.None)
        {
            return 1;
        }

        return left.Kind > right.Kind ? -1 : 1;
    }

    public int CompareTo(ApkVersion other) => Compare(ToString(), other.ToString());

    public int CompareTo(object? obj) => obj switch
    {
        null => 1,
        ApkVersion other => CompareTo(other),
        _ => throw new ArgumentException("not an ApkVersion", nameof(obj)),
    };

    /// <summary>Ordering equality: <c>1-r1 == 1-r01</c>.</summary>
    public bool Equals(ApkVersion other) => CompareTo(other) == 0;

    public override bool Equals(object? obj) => obj is ApkVersion other && Equals(other);

    /// <summary>Hash of the token kinds and numbers (and letters/suffixes), so that equal versions hash alike.</summary>
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        var tokens = new ApkTokenizer(ToString(), digitsAfterLetter: true);
        while (tokens.Kind < ApkTokenKind.End)
        {
            hash.Add(tokens.Kind);
            switch (tokens.Kind)
            {
                case ApkTokenKind.Letter:
                    hash.Add(tokens.Value[0]);
                    break;
                case ApkTokenKind.Suffix:
                    hash.Add(tokens.Suffix);
                    break;
                case ApkTokenKind.Digit or ApkTokenKind.CommitHash:
                    // Equal digit runs after a dot and equal hashes are always spelled alike.
                    hash.Add(string.GetHashCode(tokens.Value));
                    break;
                default:
                    hash.Add(tokens.Number);
                    break;
            }

            tokens.Next();
        }

        hash.Add(tokens.Kind);
        return hash.ToHashCode();
    }

    public override string ToString() => _text ?? "0";

    public static bool operator ==(ApkVersion left, ApkVersion right) => left.Equals(right);

    public static bool operator !=(ApkVersion left, ApkVersion right) => !left.Equals(right);

    public static bool operator <(ApkVersion left, ApkVersion right) => left.CompareTo(right) < 0;

    public static bool operator <=(ApkVersion left, ApkVersion right) => left.CompareTo(right) <= 0;

    public static bool operator >(ApkVersion left, ApkVersion right) => left.CompareTo(right) > 0;

    public static bool operator >=(ApkVersion left, ApkVersion right) => left.CompareTo(right) >= 0;

    private static int CompareTokens(ref ApkTokenizer left, ref ApkTokenizer right)
    {
        switch (left.Kind)
        {
            case ApkTokenKind.Digit when left.Value[0] != '0' && right.Value[0] != '0':
            case ApkTokenKind.InitialDigit:
            case ApkTokenKind.SuffixNumber:
            case ApkTokenKind.Revision:
                return left.Number.CompareTo(right.Number) switch { < 0 => -1, 0 => 0, _ => 1 };
            case ApkTokenKind.Letter:
                return left.Value[0].CompareTo(right.Value[0]) switch { < 0 => -1, 0 => 0, _ => 1 };
            case ApkTokenKind.Suffix:
                return left.Suffix.CompareTo(right.Suffix) switch { < 0 => -1, 0 => 0, _ => 1 };
            default:
                return left.Value.SequenceCompareTo(right.Value) switch { < 0 => -1, 0 => 0, _ => 1 };
        }
    }
}

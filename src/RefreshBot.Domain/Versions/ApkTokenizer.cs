namespace RefreshBot.Domain.Versions;

/// <summary>
/// Walks an apk version <c>digit{.digit}...{letter}{_suffix{number}}...{~hash}{-r#}</c> one token at a
/// time without allocating. Token kinds are declared in grammar order: a token may only follow kinds
/// that precede it (a letter only after digits, a suffix only before a hash or revision…); anything
/// else makes the rest of the string <see cref="ApkTokenKind.Invalid"/>.
/// </summary>
internal ref struct ApkTokenizer
{
    private readonly bool _digitsAfterLetter;
    private ReadOnlySpan<char> _rest;

    /// <param name="version">The version text.</param>
    /// <param name="digitsAfterLetter">
    /// Accept digits right after the letter (<c>6.0.2p1</c> as 6, 0, 2, p, 1) as apk-tools 2 did, instead of
    /// stopping there as invalid (apk-tools 3). Only for ordering; validation never sets it.
    /// </param>
    public ApkTokenizer(ReadOnlySpan<char> version, bool digitsAfterLetter = false)
    {
        _digitsAfterLetter = digitsAfterLetter;
        _rest = version;
        Kind = ApkTokenKind.InitialDigit;
        ReadDigits();
    }

    public ApkTokenKind Kind { get; private set; }

    /// <summary>Numeric value of a digit, suffix-number or revision token (wraps like apk's uint64).</summary>
    public ulong Number { get; private set; }

    /// <summary>Rank of a suffix token (<see cref="ApkSuffixes"/>).</summary>
    public int Suffix { get; private set; }

    /// <summary>The token's text (digits, letter, suffix name or hash).</summary>
    public ReadOnlySpan<char> Value { get; private set; }

    public void Next()
    {
        if (_rest.IsEmpty)
        {
            Kind = ApkTokenKind.End;
            return;
        }

        var c = _rest[0];
        if (char.IsAsciiLetterLower(c))
        {
            if (Kind > ApkTokenKind.Digit)
            {
                Kind = ApkTokenKind.Invalid;
                return;
            }

            Value = _rest[..1];
            _rest = _rest[1..];
            Kind = ApkTokenKind.Letter;
            return;
        }

        if (c == '.' || char.IsAsciiDigit(c))
        {
            ReadNumberAfter(c == '.');
            return;
        }

        switch (c)
        {
            case '_':
                ReadSuffix();
                return;
            case '~':
                ReadHash();
                return;
            case '-':
                ReadRevision();
                return;
            default:
                Kind = ApkTokenKind.Invalid;
                return;
        }
    }

    private void ReadNumberAfter(bool dot)
    {
        if (dot)
        {
            if (Kind > ApkTokenKind.Digit)
            {
                Kind = ApkTokenKind.Invalid;
                return;
            }

            _rest = _rest[1..];
        }

        switch (Kind)
        {
            case ApkTokenKind.InitialDigit:
            case ApkTokenKind.Digit:
                Kind = ApkTokenKind.Digit;
                break;
            case ApkTokenKind.Letter when !dot && _digitsAfterLetter:
                Kind = ApkTokenKind.Digit;
                break;
            case ApkTokenKind.Suffix:
                Kind = ApkTokenKind.SuffixNumber;
                break;
            default:
                Kind = ApkTokenKind.Invalid;
                return;
        }

        ReadDigits();
    }

    private void ReadSuffix()
    {
        if (Kind > ApkTokenKind.SuffixNumber)
        {
            Kind = ApkTokenKind.Invalid;
            return;
        }

        var name = _rest[1..];
        var length = name.IndexOfAnyExceptInRange('a', 'z');
        Value = length < 0 ? name : name[..length];
        _rest = name[Value.Length..];
        Suffix = ApkSuffixes.Rank(Value);
        Kind = Suffix == ApkSuffixes.Invalid ? ApkTokenKind.Invalid : ApkTokenKind.Suffix;
    }

    private void ReadHash()
    {
        if (Kind >= ApkTokenKind.CommitHash)
        {
            Kind = ApkTokenKind.Invalid;
            return;
        }

        var hash = _rest[1..];
        var length = 0;
        while (length < hash.Length && char.IsAsciiHexDigitLower(hash[length]))
        {
            length++;
        }

        if (length == 0)
        {
            Kind = ApkTokenKind.Invalid;
            return;
        }

        Value = hash[..length];
        _rest = hash[length..];
        Kind = ApkTokenKind.CommitHash;
    }

    private void ReadRevision()
    {
        if (Kind >= ApkTokenKind.Revision || _rest.Length < 2 || _rest[1] != 'r')
        {
            Kind = ApkTokenKind.Invalid;
            return;
        }

        _rest = _rest[2..];
        Kind = ApkTokenKind.Revision;
        ReadDigits();
    }

    private void ReadDigits()
    {
        var length = 0;
        ulong number = 0;
        while (length < _rest.Length && char.IsAsciiDigit(_rest[length]))
        {
            number = unchecked((number * 10) + (ulong)(_rest[length] - '0'));
            length++;
        }

        Number = number;
        Value = _rest[..length];
        _rest = _rest[length..];
        if (length == 0)
        {
            Kind = ApkTokenKind.Invalid;
        }
    }
}

/// <summary>apk version token kinds, in the order the grammar allows them.</summary>
internal enum ApkTokenKind
{
    InitialDigit,
    Digit,
    Letter,
    Suffix,
    SuffixNumber,
    CommitHash,
    Revision,
    End,
    Invalid,
}

/// <summary>apk suffix ranks: pre-release suffixes sort before "no suffix", post-release ones after.</summary>
internal static class ApkSuffixes
{
    public const int Invalid = 0;

    /// <summary>The rank "no suffix" would have: below it is a pre-release.</summary>
    public const int None = 5;

    public static int Rank(ReadOnlySpan<char> name) => name switch
    {
        "alpha" => 1,
        "beta" => 2,
        "pre" => 3,
        "rc" => 4,
        "cvs" => 6,
        "svn" => 7,
        "git" => 8,
        "hg" => 9,
        "p" => 10,
        _ => Invalid,
    };
}

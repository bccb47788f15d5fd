using System.Buffers;

namespace RefreshBot.Domain.Versions;

/// <summary>
/// Splits a dpkg version into epoch, upstream and revision without allocating, with dpkg's
/// validity rules (<c>parseversion</c>): which problems are hard errors and which dpkg only warns about.
/// </summary>
internal static class DpkgVersionSyntax
{
    /// <summary>What C's <c>isspace</c> accepts in the C locale.</summary>
    public const string Whitespace = " \t\n\v\f\r";

    private static readonly SearchValues<char> WhitespaceChars = SearchValues.Create(Whitespace);

    private static readonly SearchValues<char> UpstreamChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.-+~:");

    private static readonly SearchValues<char> RevisionChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.+~");

    internal ref struct Parts
    {
        public int Epoch;
        public ReadOnlySpan<char> Upstream;
        public ReadOnlySpan<char> Revision;
        public bool HasEpoch;
        public bool HasRevision;
    }

    /// <summary>A parse problem; <see cref="IsWarning"/> when dpkg still compares the version.</summary>
    internal readonly record struct Problem(string Message, bool IsWarning);

    /// <summary>Splits <paramref name="text"/>; null when valid. On a warning the parts are still usable.</summary>
    public static Problem? Split(ReadOnlySpan<char> text, out Parts parts)
    {
        parts = default;
        var s = text.Trim(Whitespace);
        if (s.IsEmpty)
        {
            return new Problem("version string is empty", false);
        }

        if (s.ContainsAny(WhitespaceChars))
        {
            return new Problem("version string has embedded spaces", false);
        }

        var colon = s.IndexOf(':');
        if (colon >= 0)
        {
            var epochProblem = ParseEpoch(s[..colon], out parts.Epoch);
            if (epochProblem is not null)
            {
                return new Problem(epochProblem, false);
            }

            if (colon == s.Length - 1)
            {
                return new Problem("nothing after colon in version number", false);
            }

            parts.HasEpoch = true;
            s = s[(colon + 1)..];
        }

        var hyphen = s.LastIndexOf('-');
        if (hyphen >= 0)
        {
            if (hyphen == s.Length - 1)
            {
                return new Problem("revision number is empty", false);
            }

            parts.Revision = s[(hyphen + 1)..];
            parts.HasRevision = true;
            s = s[..hyphen];
        }

        parts.Upstream = s;
        if (s.IsEmpty)
        {
            return new Problem("version number is empty", false);
        }

        if (!char.IsAsciiDigit(s[0]))
        {
            return new Problem("version number does not start with digit", true);
        }

        if (s.ContainsAnyExcept(UpstreamChars))
        {
            return new Problem("invalid character in version number", true);
        }

        if (parts.Revision.ContainsAnyExcept(RevisionChars))
        {
            return new Problem("invalid character in revision number", true);
        }

        return null;
    }

    private static string? ParseEpoch(ReadOnlySpan<char> digits, out int epoch)
    {
        epoch = 0;
        if (digits.IsEmpty)
        {
            return "epoch in version is empty";
        }

        if (digits[0] == '-' && digits.Length > 1 && !digits[1..].ContainsAnyExceptInRange('0', '9'))
        {
            return "epoch in version is negative";
        }

        if (digits.ContainsAnyExceptInRange('0', '9'))
        {
            return "epoch in version is not number";
        }

        long value = 0;
        foreach (var c in digits)
        {
            value = (value * 10) + (c - '0');
            if (value > int.MaxValue)
            {
                return "epoch in version is too big";
            }
        }

        epoch = (int)value;
        return null;
    }
}

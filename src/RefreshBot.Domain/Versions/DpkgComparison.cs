namespace RefreshBot.Domain.Versions;

/// <summary>
/// dpkg's ordering (<c>verrevcmp</c> in lib/dpkg/version.c, re-derived from the Debian Policy 5.6.12
/// description): strings alternate non-digit runs, compared character by character with
/// <c>~</c> &lt; end of run &lt; letters &lt; everything else (by ASCII value), and digit runs, compared
/// as numbers of any length (leading zeros ignored, no overflow).
/// </summary>
internal static class DpkgComparison
{
    /// <summary>Compares one upstream-version or revision part; returns -1, 0 or 1.</summary>
    public static int ComparePart(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        int i = 0, j = 0;
        while (i < a.Length || j < b.Length)
        {
            // Non-digit run: both advance together while at least one side is not at a digit.
            while ((i < a.Length && !char.IsAsciiDigit(a[i])) || (j < b.Length && !char.IsAsciiDigit(b[j])))
            {
                var ac = Weight(a, i);
                var bc = Weight(b, j);
                if (ac != bc)
                {
                    return ac < bc ? -1 : 1;
                }

                i++;
                j++;
            }

            // Digit run: skip leading zeros, then the longer run wins, else the first differing digit.
            while (i < a.Length && a[i] == '0')
            {
                i++;
            }

            while (j < b.Length && b[j] == '0')
            {
                j++;
            }

            var firstDifference = 0;
            while (i < a.Length && j < b.Length && char.IsAsciiDigit(a[i]) && char.IsAsciiDigit(b[j]))
            {
                if (firstDifference == 0)
                {
                    firstDifference = a[i] - b[j];
                }

                i++;
                j++;
            }

            if (i < a.Length && char.IsAsciiDigit(a[i]))
            {
                return 1;
            }

            if (j < b.Length && char.IsAsciiDigit(b[j]))
            {
                return -1;
            }

            if (firstDifference != 0)
            {
                return firstDifference < 0 ? -1 : 1;
            }
        }

        return 0;
    }

    /// <summary>Order of a character inside a non-digit run; position past the end or at a digit weighs 0.</summary>
    private static int Weight(ReadOnlySpan<char> s, int index)
    {
        if (index >= s.Length)
        {
            return 0;
        }

        var c = s[index];
        if (char.IsAsciiDigit(c))
        {
            return 0;
        }

        if (char.IsAsciiLetter(c))
        {
            return c;
        }

        return c == '~' ? -1 : c + 256;
    }

    /// <summary>
    /// Feeds the canonical form of a part into <paramref name="hash"/>: every digit run without its leading
    /// zeros. Two parts compare equal exactly when their canonical forms are equal.
    /// </summary>
    public static void AddCanonical(ref HashCode hash, ReadOnlySpan<char> part)
    {
        var atRunStart = true;
        foreach (var c in part)
        {
            if (!char.IsAsciiDigit(c))
            {
                atRunStart = true;
                hash.Add(c);
            }
            else if (c != '0' || !atRunStart)
            {
                atRunStart = false;
                hash.Add(c);
            }
        }

        hash.Add('\0');
    }
}

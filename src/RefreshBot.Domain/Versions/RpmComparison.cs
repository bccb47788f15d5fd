namespace RefreshBot.Domain.Versions;

/// <summary>
/// rpm's <c>rpmvercmp</c> over one version or release string, re-derived from its documented rules:
/// separators (anything but ASCII letters, digits, <c>~</c>, <c>^</c>) only split segments; <c>~</c> sorts
/// before anything, even the end; <c>^</c> sorts after the end but before any further segment; a numeric
/// segment is newer than an alphabetic one; numbers compare by value of any length; letters compare
/// by ASCII; when one string runs out, the one with something left is newer.
/// </summary>
internal static class RpmComparison
{
    public static int Compare(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (a.SequenceEqual(b))
        {
            return 0;
        }

        int i = 0, j = 0;
        while (i < a.Length || j < b.Length)
        {
            i = SkipSeparators(a, i);
            j = SkipSeparators(b, j);
            var ca = i < a.Length ? a[i] : '\0';
            var cb = j < b.Length ? b[j] : '\0';

            if (ca == '~' || cb == '~')
            {
                if (ca != '~')
                {
                    return 1;
                }

                if (cb != '~')
                {
                    return -1;
                }

                i++;
                j++;
                continue;
            }

            if (ca == '^' || cb == '^')
            {
                if (ca == '\0')
                {
                    return -1;
                }

                if (cb == '\0')
                {
                    return 1;
                }

                if (ca != '^')
                {
                    return 1;
                }

                if (cb != '^')
                {
                    return -1;
                }

                i++;
                j++;
                continue;
            }

            if (ca == '\0' || cb == '\0')
            {
                break;
            }

            var numeric = char.IsAsciiDigit(ca);
            var segmentA = Segment(a, ref i, numeric);
            var segmentB = Segment(b, ref j, numeric);
            if (segmentB.IsEmpty)
            {
                // a's segment is numeric and b's alphabetic (newer), or the other way round (older).
                return numeric ? 1 : -1;
            }

            if (numeric)
            {
                segmentA = segmentA.TrimStart('0');
                segmentB = segmentB.TrimStart('0');
                if (segmentA.Length != segmentB.Length)
                {
                    return segmentA.Length > segmentB.Length ? 1 : -1;
                }
            }

            var order = segmentA.SequenceCompareTo(segmentB);
            if (order != 0)
            {
                return order < 0 ? -1 : 1;
            }
        }

        var aDone = i >= a.Length;
        var bDone = j >= b.Length;
        if (aDone && bDone)
        {
            return 0;
        }

        return aDone ? -1 : 1;
    }

    private static int SkipSeparators(ReadOnlySpan<char> s, int index)
    {
        while (index < s.Length && !char.IsAsciiLetterOrDigit(s[index]) && s[index] != '~' && s[index] != '^')
        {
            index++;
        }

        return index;
    }

    private static ReadOnlySpan<char> Segment(ReadOnlySpan<char> s, ref int index, bool numeric)
    {
        var start = index;
        while (index < s.Length && (numeric ? char.IsAsciiDigit(s[index]) : char.IsAsciiLetter(s[index])))
        {
            index++;
        }

        return s[start..index];
    }
}

namespace RefreshBot.Domain.Packages;

/// <summary>
/// Reads a dpkg status database (<c>var/lib/dpkg/status</c>, distroless <c>var/lib/dpkg/status.d/*</c>;
/// opkg's <c>usr/lib/opkg/status</c> has the same format): deb822 stanzas separated by blank lines,
/// <c>Field: value</c> lines (field names case-insensitive), continuation lines starting with a space
/// or tab. Never throws.
/// </summary>
public static class DpkgStatusParser
{
    /// <summary>
    /// The installed packages of one file. Stanzas without <c>Package</c> or <c>Version</c> are skipped;
    /// a stanza with a line that is neither a field nor a continuation, or with an unusable value, is
    /// skipped and reported.
    /// </summary>
    /// <param name="includeNotInstalled">Keep stanzas whatever their <c>Status</c> (for inspection and tests).</param>
    public static DpkgStatusRead Parse(
        string text,
        DpkgStatusKind kind = DpkgStatusKind.StatusFile,
        bool includeNotInstalled = false,
        PackageInventoryLimits? limits = null)
    {
        limits ??= PackageInventoryLimits.Default;
        var entries = new List<DpkgEntry>();
        var problems = new ProblemList(limits.MaxProblems);
        var stanza = new DpkgStanza(limits.MaxFieldLength);
        var lines = new TextLines(text);
        var full = false;

        while (!full && lines.MoveNext())
        {
            if (lines.Current.IsWhiteSpace())
            {
                full = !Finish(stanza, kind, includeNotInstalled, entries, problems, limits);
            }
            else
            {
                stanza.Add(lines.Current, lines.Number);
            }
        }

        if (!full)
        {
            Finish(stanza, kind, includeNotInstalled, entries, problems, limits);
        }

        return new DpkgStatusRead(entries, problems.ToList());
    }

    /// <summary>Turns the stanza read so far into an entry; false when the package cap is reached.</summary>
    private static bool Finish(
        DpkgStanza stanza,
        DpkgStatusKind kind,
        bool includeNotInstalled,
        List<DpkgEntry> entries,
        ProblemList problems,
        PackageInventoryLimits limits)
    {
        var entry = stanza.Complete(out var problem);
        if (problem is not null)
        {
            problems.Add(problem);
        }

        if (entry is null || !(includeNotInstalled || entry.IsInstalled(kind)))
        {
            return true;
        }

        if (entries.Count >= limits.MaxPackages)
        {
            problems.Add($"more than {limits.MaxPackages} packages; the rest were not read");
            return false;
        }

        entries.Add(entry);
        return true;
    }
}

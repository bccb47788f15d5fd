using RefreshBot.Domain.Vulnerabilities.Ecosystems;
using RefreshBot.Domain.Vulnerabilities.Osv;

namespace RefreshBot.Domain.Vulnerabilities.Matching;

/// <summary>
/// The OSV records that may concern a package of a distribution family, by the name OSV uses for it
/// (the source package for Debian/Ubuntu/Alpine/Rocky/Alma, binary or source rpm for Red Hat).
/// May return records of other releases: the matcher checks each affected entry's ecosystem.
/// </summary>
public interface IOsvRecordLookup
{
    IReadOnlyList<OsvRecord> RecordsFor(OsFamily family, string packageName);
}

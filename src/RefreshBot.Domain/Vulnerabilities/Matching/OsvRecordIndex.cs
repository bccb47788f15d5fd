using RefreshBot.Domain.Vulnerabilities.Ecosystems;
using RefreshBot.Domain.Vulnerabilities.Osv;

namespace RefreshBot.Domain.Vulnerabilities.Matching;

/// <summary>An in-memory <see cref="IOsvRecordLookup"/> over parsed records, keyed by (family, package name).</summary>
public sealed class OsvRecordIndex : IOsvRecordLookup
{
    private readonly Dictionary<(OsFamily Family, string Name), List<OsvRecord>> _records = [];

    public OsvRecordIndex(IEnumerable<OsvRecord> records)
    {
        foreach (var record in records)
        {
            Add(record);
        }
    }

    /// <summary>Number of distinct (family, package) keys.</summary>
    public int Count => _records.Count;

    public IReadOnlyList<OsvRecord> RecordsFor(OsFamily family, string packageName)
        => _records.TryGetValue((family, packageName), out var list) ? list : [];

    /// <summary>The (family, package name) keys a record is filed under: its OS-ecosystem affected entries.</summary>
    public static IEnumerable<(OsFamily Family, string Name)> KeysOf(OsvRecord record)
        => record.Affected
            .Where(a => a.Package is not null)
            .Select(a => (Ecosystem: OsEcosystem.FromRecord(a.Package!.Ecosystem), a.Package.Name))
            .Where(k => k.Ecosystem is not null)
            .Select(k => (k.Ecosystem!.Family, k.Name))
            .Distinct();

    /// <summary>Files the record under each of its keys once (same keys as <see cref="KeysOf"/>, without LINQ or per-entry ecosystem objects).</summary>
    private void Add(OsvRecord record)
    {
        var affected = record.Affected;
        for (var i = 0; i < affected.Count; i++)
        {
            if (affected[i].Package is not { } package || OsEcosystem.FamilyOf(package.Ecosystem) is not { } family
                || FiledEarlier(affected, i, family, package.Name))
            {
                continue;
            }

            var key = (family, package.Name);
            if (!_records.TryGetValue(key, out var list))
            {
                _records[key] = list = [];
            }

            list.Add(record);
        }
    }

    /// <summary>True when an earlier affected entry of the same record has the same (family, name) key.</summary>
    private static bool FiledEarlier(IReadOnlyList<OsvAffected> affected, int index, OsFamily family, string name)
    {
        for (var k = 0; k < index; k++)
        {
            if (affected[k].Package is { } earlier && earlier.Name == name && OsEcosystem.FamilyOf(earlier.Ecosystem) == family)
            {
                return true;
            }
        }

        return false;
    }
}

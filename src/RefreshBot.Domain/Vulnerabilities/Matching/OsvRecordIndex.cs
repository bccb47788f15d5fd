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

    private void Add(OsvRecord record)
    {
        foreach (var key in KeysOf(record))
        {
            if (!_records.TryGetValue(key, out var list))
            {
                _records[key] = list = [];
            }

            list.Add(record);
        }
    }
}

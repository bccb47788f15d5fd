using RefreshBot.Domain.Vulnerabilities.Osv;

namespace RefreshBot.Domain.Tests.Vulnerabilities;

/// <summary>The OSV vectors copied under Vectors/osv (see its NOTE.md).</summary>
internal static class OsvVectors
{
    public static string Root => Path.Combine(AppContext.BaseDirectory, "Vectors", "osv");

    public static string RecordPath(string relative) => Path.Combine(Root, "records", relative);

    public static OsvRecord Record(string relative)
    {
        var result = OsvRecordParser.Parse(File.ReadAllBytes(RecordPath(relative)), relative);
        return result.Record ?? throw new InvalidOperationException(result.Error);
    }

    public static IEnumerable<string> AllRecordFiles()
        => Directory.EnumerateFiles(Path.Combine(Root, "records"), "*.json", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Path.Combine(Root, "records"), f))
            .Order(StringComparer.Ordinal);

    public static IEnumerable<OsvRecord> AllRecords() => AllRecordFiles().Select(Record);
}

namespace RefreshBot.Domain.Tests.Manifests;

/// <summary>Paths into Vectors/registry-manifests.</summary>
internal static class ManifestVectors
{
    public static string Root => Path.Combine(AppContext.BaseDirectory, "Vectors", "registry-manifests");

    public static byte[] Document(string name) => File.ReadAllBytes(Path.Combine(Root, "documents", name));

    /// <summary>Rows of digests.tsv: file, media type, sha256, byte count.</summary>
    public static TheoryData<string, string, string, long> DigestRows()
    {
        var data = new TheoryData<string, string, string, long>();
        foreach (var line in File.ReadLines(Path.Combine(Root, "digests.tsv")).Skip(1))
        {
            if (line.Length == 0)
            {
                continue;
            }

            var columns = line.Split('\t');
            data.Add(columns[0], columns[1], columns[2], long.Parse(columns[3], System.Globalization.CultureInfo.InvariantCulture));
        }

        return data;
    }
}

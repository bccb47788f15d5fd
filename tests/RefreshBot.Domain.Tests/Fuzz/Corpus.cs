namespace RefreshBot.Domain.Tests.Fuzz;

/// <summary>The real inputs under <c>Vectors/</c> that the mutating generators start from.</summary>
public static class Corpus
{
    private static string Root => Path.Combine(AppContext.BaseDirectory, "Vectors");

    public static IReadOnlyList<string> Dockerfiles { get; } = Load(
        Files("dockerfile-corpus/files", "*").Concat(Files("buildkit-dockerfile-parser", "Dockerfile"))
            .Concat(Files("dependabot-docker/dockerfiles", "*")).Concat(Files("renovate-dockerfile", "*Dockerfile")));

    public static IReadOnlyList<byte[]> OsvRecords { get; } = [.. Files("osv/records", "*.json").Select(File.ReadAllBytes)];

    public static IReadOnlyList<byte[]> ManifestDocuments { get; } = [.. Files("registry-manifests/documents", "*.json").Select(File.ReadAllBytes)];

    /// <summary>Every "input" of the distribution reference vectors, valid or not.</summary>
    public static IReadOnlyList<string> References { get; } =
    [
        .. Files("distribution-reference", "*.jsonl").SelectMany(File.ReadLines).Where(line => line.Length > 0)
            .Select(line => System.Text.Json.JsonDocument.Parse(line).RootElement)
            .Where(row => row.TryGetProperty("input", out var input) && input.ValueKind == System.Text.Json.JsonValueKind.String)
            .Select(row => row.GetProperty("input").GetString()!),
    ];

    public static IReadOnlyList<string> DpkgVersions { get; } =
    [
        .. File.ReadLines(Path.Combine(Root, "dpkg-version", "Dpkg_Version.t.DATA.txt"))
            .SelectMany(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(2)).Distinct(),
    ];

    public static IReadOnlyList<string> ApkVersions { get; } =
    [
        .. File.ReadLines(Path.Combine(Root, "apk-tools-version", "version.data"))
            .Select(line => line.Split('#')[0]).SelectMany(line => line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
            .Where(token => token is not ("<" or ">" or "=" or "~")).Distinct(),
    ];

    public static IReadOnlyList<string> RpmVersions { get; } =
    [
        .. File.ReadLines(Path.Combine(Root, "rpm-vercmp", "rpmvercmp.tsv")).Where(line => !line.StartsWith('#'))
            .SelectMany(line => line.Split('\t').Take(2)).Where(token => token.Length > 0).Distinct(),
    ];

    private static IEnumerable<string> Files(string folder, string pattern) =>
        Directory.EnumerateFiles(Path.Combine(Root, folder), pattern, SearchOption.AllDirectories).Order(StringComparer.Ordinal);

    private static IReadOnlyList<string> Load(IEnumerable<string> files)
    {
        var texts = files.Where(file => !file.EndsWith(".md", StringComparison.Ordinal)).Select(File.ReadAllText).ToList();
        return texts.Count > 0 ? texts : throw new InvalidOperationException("the fuzz corpus is empty: Vectors/ not copied?");
    }
}

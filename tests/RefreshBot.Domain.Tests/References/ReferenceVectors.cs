using System.Text.Json;

namespace RefreshBot.Domain.Tests.References;

/// <summary>Loads rows of the distribution/reference JSONL vectors (Vectors/distribution-reference).</summary>
internal static class ReferenceVectors
{
    public const string Current = "reference-vectors.jsonl";
    public const string Legacy = "docker-distribution-legacy-only.jsonl";

    /// <summary>Rows of <paramref name="suites"/> as (label, json) pairs for xUnit theories.</summary>
    public static TheoryData<string, string> Rows(string file, params string[] suites)
    {
        var data = new TheoryData<string, string>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(PathOf(file)))
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            using var doc = JsonDocument.Parse(line);
            var suite = doc.RootElement.GetProperty("suite").GetString()!;
            if (!suites.Contains(suite))
            {
                continue;
            }

            var input = doc.RootElement.TryGetProperty("input", out var i) ? i.GetString()
                : doc.RootElement.TryGetProperty("name", out var n) ? n.GetString() : "";
            var shown = input!.Length > 60 ? input[..57] + "..." : input;
            data.Add($"{file}:{lineNumber} {suite} \"{shown}\"", line);
        }

        return data;
    }

    public static string PathOf(string file)
        => Path.Combine(AppContext.BaseDirectory, "Vectors", "distribution-reference", file);

    public static string Str(this JsonElement row, string name)
        => row.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";

    public static bool Has(this JsonElement row, string name) => row.TryGetProperty(name, out _);

    public static bool Bool(this JsonElement row, string name) => row.GetProperty(name).GetBoolean();

    /// <summary>"" in a vector means "absent".</summary>
    public static string? NullIfEmpty(this string value) => value.Length == 0 ? null : value;
}

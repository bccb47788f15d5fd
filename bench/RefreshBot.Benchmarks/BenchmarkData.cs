using System.Text.Json;

namespace RefreshBot.Benchmarks;

/// <summary>
/// Finds the test vectors the benchmarks run over: the repository copy under
/// tests/RefreshBot.Domain.Tests/Vectors (located by walking up to RefreshBot.sln), else /work/shared/vectors.
/// </summary>
internal static class BenchmarkData
{
    private const string SharedVectors = "/work/shared/vectors";

    public static string VectorFolder(string name)
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "RefreshBot.sln")))
                {
                    var inRepo = Path.Combine(dir.FullName, "tests", "RefreshBot.Domain.Tests", "Vectors", name);
                    if (Directory.Exists(inRepo))
                    {
                        return inRepo;
                    }
                }
            }
        }

        var shared = Path.Combine(SharedVectors, name);
        return Directory.Exists(shared)
            ? shared
            : throw new DirectoryNotFoundException($"test vectors '{name}' not found under the repository or {SharedVectors}");
    }

    /// <summary>The Dockerfile corpus: $REFRESHBOT_CORPUS, else the repository copy, else the shared vectors.</summary>
    public static string CorpusFolder()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("REFRESHBOT_CORPUS");
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return Directory.Exists(fromEnvironment)
                ? fromEnvironment
                : throw new DirectoryNotFoundException($"REFRESHBOT_CORPUS={fromEnvironment} does not exist");
        }

        return Path.Combine(VectorFolder("dockerfile-corpus"), "files");
    }

    /// <summary>Every input distribution/reference says must parse (normalizing parser), de-duplicated.</summary>
    public static string[] ValidReferenceInputs()
    {
        var inputs = new List<string>();
        var file = Path.Combine(VectorFolder("distribution-reference"), "reference-vectors.jsonl");
        foreach (var line in File.ReadLines(file))
        {
            if (line.Length == 0)
            {
                continue;
            }

            using var row = JsonDocument.Parse(line);
            var root = row.RootElement;
            var suite = root.GetProperty("suite").GetString();
            if (suite is "ParseNormalizedNamed" or "ParseNormalizedNamed.validity" or "Parse"
                && root.TryGetProperty("valid", out var valid) && valid.GetBoolean())
            {
                inputs.Add(root.GetProperty("input").GetString()!);
            }
        }

        return inputs.Distinct().ToArray();
    }
}

using BenchmarkDotNet.Attributes;
using RefreshBot.Domain.Dockerfiles;
using RefreshBot.Domain.Dockerfiles.Parsing;

namespace RefreshBot.Benchmarks;

/// <summary>
/// Dockerfile parsing + image extraction over the whole real-world corpus (481 files).
/// Corpus folder: $REFRESHBOT_CORPUS, else tests/RefreshBot.Domain.Tests/Vectors/dockerfile-corpus/files,
/// else /work/shared/vectors/dockerfile-corpus/files.
/// </summary>
[MemoryDiagnoser]
public class DockerfileBenchmarks
{
    private (string Path, string Text)[] _files = [];

    [GlobalSetup]
    public void Setup()
    {
        var folder = BenchmarkData.CorpusFolder();
        _files = Directory.EnumerateFiles(folder)
            .Order(StringComparer.Ordinal)
            .Select(path => (Path.GetFileName(path), File.ReadAllText(path)))
            .ToArray();
        if (_files.Length == 0)
        {
            throw new InvalidOperationException($"no Dockerfiles in {folder}");
        }
    }

    /// <summary>One operation = parsing the whole corpus (parser alone: lines, continuations, instructions, heredocs).</summary>
    [Benchmark]
    public int ParseCorpus()
    {
        var instructions = 0;
        foreach (var (path, text) in _files)
        {
            instructions += DockerfileParser.Parse(path, text).Instructions.Count;
        }

        return instructions;
    }

    /// <summary>One operation = parse + image extraction over the whole corpus.</summary>
    [Benchmark]
    public int ExtractCorpus()
    {
        var images = 0;
        foreach (var (path, text) in _files)
        {
            images += DockerfileImages.Extract(path, text).Images.Count;
        }

        return images;
    }
}

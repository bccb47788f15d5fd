using System.Text.RegularExpressions;
using CsCheck;
using RefreshBot.Domain.Tests.Fuzz;
using RefreshBot.Host.Config;
using Xunit.Abstractions;

namespace RefreshBot.Integration.Tests.Fuzz;

/// <summary>
/// The YAML config loader under hostile input: every outcome is a config or a <see cref="ConfigException"/> (with
/// file:line:col), never another exception, never a hang — deep nesting, alias bombs, huge scalars included.
/// </summary>
public sealed partial class ConfigLoaderFuzzTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("refreshbot-config-fuzz-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Mutated_real_configs_load_or_fail_with_a_config_error() =>
        FuzzRun.Check(output, "config: mutated samples", Mutations.Of(Samples), seed: 9_501, iterations: 1200, Holds);

    [Fact]
    public void Hostile_yaml_loads_or_fails_with_a_config_error() =>
        FuzzRun.Check(output, "config: hostile shapes", Gen.Int[0, Hostile.Length - 1].SelectMany(i => Gen.Int[1, 4].Select(scale => Hostile[i](scale))),
            seed: 9_502, iterations: 60, Holds, show: text => text.Length > 200 ? text[..200] : text);

    private static readonly Func<int, string>[] Hostile =
    [
        scale => "repositories: " + HostileText.NestedArrays(5_000 * scale) + "\n",
        scale => "defaults: " + HostileText.Repeat("{a: ", 5_000 * scale) + "1" + HostileText.Repeat("}", 5_000 * scale) + "\n",
        scale => string.Concat(Enumerable.Range(0, 2_000 * scale).Select(i => new string(' ', i) + "a:\n")),
        // alias bomb: each level refers to the previous one ten times
        scale => "x0: &x0 [lol, lol, lol, lol, lol]\n" + string.Concat(Enumerable.Range(1, 8 * scale).Select(i =>
            $"x{i}: &x{i} [{string.Join(", ", Enumerable.Repeat($"*x{i - 1}", 10))}]\n")) + $"repositories: *x{8 * scale}\n",
        scale => "defaults: &d\n  schedule: '0 0 * * *'\nrepositories:\n" + HostileText.Repeat("  - {<<: *d, url: 'https://github.com/o/r'}\n", 2_000 * scale),
        scale => "github:\n  token: \"" + new string('x', 1_000_000 * scale) + "\"\n",
        scale => HostileText.Repeat("${env:A}", 50_000 * scale) + ": 1\n",
        scale => "service:\n  schedule: '" + HostileText.Repeat("*/1 ", 20_000 * scale) + "'\n",
        scale => HostileText.Repeat("---\n", 10_000 * scale),
        scale => HostileText.Repeat("? ", 5_000 * scale) + "a\n",
        scale => "a: \"" + HostileText.Repeat("\\u0000\\\"", 100_000 * scale) + "\"\n",
        _ => "%YAML 9.9\n%TAG ! tag:x,2000:\n--- !<tag:yaml.org,2002:binary> AAAA\n",
        _ => "!!python/object:os.system 'id'\n",
    ];

    private static IReadOnlyList<string> Samples { get; } = LoadSamples();

    private static IReadOnlyList<string> LoadSamples()
    {
        var root = Testing.Source.SourceTree.Root;
        var samples = Directory.EnumerateFiles(Path.Combine(root, "config"), "*.yaml").Order(StringComparer.Ordinal).Select(File.ReadAllText).ToList();
        var docs = File.ReadAllText(Path.Combine(root, "docs", "configuration.md"));
        samples.AddRange(YamlFence().Matches(docs).Select(match => match.Groups[1].Value));
        return samples.Count > 2 ? samples : throw new InvalidOperationException("no config samples found");
    }

    [GeneratedRegex("```ya?ml\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex YamlFence();

    private void Holds(string text)
    {
        var loader = new ConfigLoader(new SecretSubstitution(name => name == "A" ? "value" : null, _folder), _folder);
        try
        {
            Assert.NotNull(loader.Load("fuzz.yaml", text));
        }
        catch (ConfigException e)
        {
            Assert.All(e.All, error => Assert.Equal("fuzz.yaml", error.File));
        }
    }
}

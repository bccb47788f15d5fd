using CsCheck;
using RefreshBot.Application.Fleet;
using RefreshBot.Domain.Tests.Fuzz;
using RefreshBot.Host.Config;
using Xunit.Abstractions;

namespace RefreshBot.Integration.Tests.Fuzz;

/// <summary>
/// A tracked repository's own settings file (<c>.refreshbot.yml</c>) is untrusted YAML: whatever it holds, reading it
/// yields an <see cref="OverrideResult"/> (applied or invalid), never an exception, never a hang, never a crash.
/// </summary>
public sealed class OverridesFileFuzzTests(ITestOutputHelper output)
{
    private static readonly string[] Samples =
    [
        "schedule: '0 3 * * 1'\n",
        "policy:\n  unpinned: pin\n  ignore: ['node', 'ghcr.io/o/*']\n",
        "dockerfiles: ['**/Dockerfile', 'build/*.Dockerfile']\nlabels: [deps, docker]\n",
        "token: ${env:GITHUB_TOKEN}\nschedule: $$x\n",
        "{}\n",
    ];

    [Fact]
    public void Mutated_and_hostile_settings_files_never_throw() =>
        FuzzRun.Check(output, "overrides file: mutated + hostile", Gen.OneOf(Mutations.Of(Samples), Gen.Int[0, Hostile.Length - 1].Select(i => Hostile[i])),
            seed: 9_701, iterations: 800, text =>
            {
                var result = new RepositoryOverridesFile(OverrideSettings.Default).Read(Repository, ".refreshbot.yml", text);
                Assert.True(Enum.IsDefined(result.Status));
                Assert.True(result.Status != OverrideStatus.Invalid || result.Notices.Count > 0, "an invalid file must say why");
            }, show: text => text.Length > 200 ? text[..200] : text);

    [Fact]
    public void Deep_nesting_within_the_size_limit_is_an_invalid_file_not_a_crash()
    {
        var text = HostileText.NestedArrays(RepositoryOverridesFile.MaxBytes / 2);
        var result = new RepositoryOverridesFile(OverrideSettings.Default).Read(Repository, ".refreshbot.yml", text);
        Assert.Equal(OverrideStatus.Invalid, result.Status);
        Assert.Contains(result.Notices, notice => notice.Contains("nested deeper than", StringComparison.Ordinal));
    }

    /// <summary>Within <see cref="RepositoryOverridesFile.MaxBytes"/>, as a repository could commit them.</summary>
    private static readonly string[] Hostile =
    [
        HostileText.NestedArrays(30_000),
        HostileText.Repeat("{a: ", 10_000),
        string.Concat(Enumerable.Range(0, 300).Select(i => new string(' ', i) + "a:\n")),
        "x0: &x0 [a, a, a, a, a, a, a, a, a, a]\n" + string.Concat(Enumerable.Range(1, 9).Select(i => $"x{i}: &x{i} [{string.Join(", ", Enumerable.Repeat($"*x{i - 1}", 10))}]\n")) + "labels: *x9\n",
        "schedule: ${file:/etc/shadow}\nlabels: [${env:HOME}]\n",
        HostileText.Repeat("? ", 20_000),
    ];

    private static TrackedRepository Repository { get; } = LoadSampleRepository();

    private static TrackedRepository LoadSampleRepository()
    {
        var folder = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(folder, "RefreshBot.sln")))
        {
            folder = Path.GetDirectoryName(folder) ?? throw new InvalidOperationException("RefreshBot.sln not found");
        }

        var sample = Path.Combine(folder, "config", "refreshbot.yaml");
        var loader = new ConfigLoader(new SecretSubstitution(_ => null, Path.GetDirectoryName(sample)!), "/var/tmp/refreshbot-fuzz-data");
        return loader.Load(sample, File.ReadAllText(sample)).Repositories[0];
    }
}

using Microsoft.Extensions.Logging.Abstractions;
using RefreshBot.Adapters.Docker;
using RefreshBot.Adapters.Layers;
using RefreshBot.Application.Evaluation;

namespace RefreshBot.Integration.Tests.Evaluation;

/// <summary>The evaluator's failure isolation and bounds, with the real docker CLI builder and layer inspector.</summary>
public sealed class ChangeEvaluatorTests : IDisposable
{
    private readonly string _checkout = Directory.CreateTempSubdirectory("refreshbot-checkout-").FullName;

    public void Dispose() => Directory.Delete(_checkout, recursive: true);

    [Fact]
    public async Task A_builder_that_cannot_run_is_a_visible_line_and_a_failed_new_build_not_an_exception()
    {
        File.WriteAllText(Path.Combine(_checkout, "Dockerfile"), "FROM scratch\n");
        using var client = Adapters.Registry.RegistryClient.Create(new Adapters.Registry.RegistryClientOptions(), null, NullLoggerFactory.Instance);
        var evaluator = new ChangeEvaluator(
            new DockerCliImageBuilder(new DockerCliImageBuilderOptions { Executable = "/nonexistent/docker" }),
            new LayerInspector(client),
            null,
            new EvaluationOptions(Enabled: true),
            NullLogger<ChangeEvaluator>.Instance);

        var evaluation = await evaluator.EvaluateAsync(_checkout, new Dictionary<string, string> { ["Dockerfile"] = "FROM scratch\nLABEL x=1\n" }, new Dictionary<string, string>(), default);

        Assert.True(evaluation.NewBuildFailed);
        Assert.Contains("**Builds:** old ✗", evaluation.Section.Markdown);
        Assert.Contains("new ✗", evaluation.Section.Markdown);
        Assert.StartsWith("Dockerfile: ", evaluation.FailureSummary);
        Assert.Equal("FROM scratch\n", File.ReadAllText(Path.Combine(_checkout, "Dockerfile")));
        Assert.True(evaluation.TransientFailure);
        Assert.True(evaluation.Dockerfiles.Single().New!.BuilderFailed);
        Assert.EndsWith(EvaluationMarkdown.TransientMarker + "\n", evaluation.Section.Markdown);
    }

    [Fact]
    public async Task A_checkout_over_the_context_limit_is_not_copied_or_built_and_says_so()
    {
        File.WriteAllText(Path.Combine(_checkout, "Dockerfile"), "FROM scratch\n");
        File.WriteAllBytes(Path.Combine(_checkout, "big.bin"), new byte[4096]);
        Directory.CreateDirectory(Path.Combine(_checkout, ".git"));
        File.WriteAllBytes(Path.Combine(_checkout, ".git", "pack"), new byte[1 << 20]);
        using var client = Adapters.Registry.RegistryClient.Create(new Adapters.Registry.RegistryClientOptions(), null, NullLoggerFactory.Instance);
        var evaluator = new ChangeEvaluator(
            new DockerCliImageBuilder(), new LayerInspector(client), null, new EvaluationOptions(Enabled: true, MaxContextBytes: 1024),
            NullLogger<ChangeEvaluator>.Instance);

        var evaluation = await evaluator.EvaluateAsync(_checkout, new Dictionary<string, string> { ["Dockerfile"] = "FROM scratch\n" }, new Dictionary<string, string>(), default);

        Assert.True(evaluation.NewBuildFailed);
        Assert.Contains("not built: the checkout is larger than the build context limit", evaluation.Section.Markdown);
        Assert.False(evaluation.TransientFailure);
        Assert.DoesNotContain(EvaluationMarkdown.TransientMarker, evaluation.Section.Markdown);
    }
}

using Microsoft.Extensions.Logging.Abstractions;
using RefreshBot.Adapters.Docker;
using RefreshBot.Adapters.Layers;
using RefreshBot.Adapters.Registry;
using RefreshBot.Adapters.Vulnerabilities.Scanners;
using RefreshBot.Application.Evaluation;

namespace RefreshBot.Integration.Tests.Vulnerabilities.Scanners;

/// <summary>
/// A configured scanner inside <see cref="ChangeEvaluator"/>, with real dockerd building two tiny images from scratch.
/// The scanner is a /bin/sh stand-in (Trivy/Grype are not installable here) or missing.
/// </summary>
public sealed class ScannerEvaluationTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("refreshbot-scan-eval-").FullName;

    public ScannerEvaluationTests()
    {
        Directory.CreateDirectory(Path.Combine(_root, "checkout"));
        File.WriteAllText(Path.Combine(_root, "checkout", "os-release"), "ID=debian\nVERSION_ID=\"10\"\n");
        File.WriteAllText(Path.Combine(_root, "checkout", "Dockerfile"), "FROM scratch\nCOPY os-release /etc/os-release\n");
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task A_scanner_that_is_not_installed_is_a_line_in_the_section_and_the_evaluation_goes_on()
    {
        var evaluation = await EvaluateAsync(Path.Combine(_root, "missing", "trivy"));

        Assert.False(evaluation.NewBuildFailed);
        Assert.Contains("vulnerabilities not matched: trivy (" + Path.Combine(_root, "missing", "trivy") + "): trivy is not installed", evaluation.Section.Markdown);
    }

    [Fact]
    public async Task The_scanner_reports_of_old_and_new_image_give_the_fixed_advisory()
    {
        var script = Path.Combine(_root, "trivy");
        File.WriteAllText(script, $"""
            #!/bin/sh
            if [ -e '{_root}/scanned-once' ]; then echo '{"{"}"Results":[]{"}"}'; exit 0; fi
            touch '{_root}/scanned-once'
            cat '{ScannerSamples.Path("trivy-debian-buster-ignore-unfixed.json")}'

            """);
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("the stand-in scanner is a POSIX shell script");
        }

        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var evaluation = await EvaluateAsync(script);

        var result = Assert.Single(evaluation.Dockerfiles);
        Assert.Equal("CVE-2019-18224", Assert.Single(result.Delta!.Fixed).Id);
        Assert.Empty(result.Delta.Introduced);
        Assert.Contains("CVE-2019-18224", evaluation.Section.Markdown);
        Assert.DoesNotContain("not matched", evaluation.Section.Markdown);
    }

    private async Task<ChangeEvaluation> EvaluateAsync(string scannerPath)
    {
        using var client = RegistryClient.Create(new RegistryClientOptions(), null, NullLoggerFactory.Instance);
        using var scanner = new ScannerJsonSource(new ScannerOptions(ScannerKind.Trivy, scannerPath, TimeSpan.FromSeconds(30)), NullLogger<ScannerJsonSource>.Instance);
        var evaluator = new ChangeEvaluator(
            new DockerCliImageBuilder(), new LayerInspector(client), null, new EvaluationOptions(Enabled: true),
            NullLogger<ChangeEvaluator>.Instance, scanner);
        return await evaluator.EvaluateAsync(
            Path.Combine(_root, "checkout"),
            new Dictionary<string, string> { ["Dockerfile"] = "FROM scratch\nCOPY os-release /etc/os-release\nLABEL refreshed=1\n" },
            new Dictionary<string, string>(),
            CancellationToken.None);
    }
}

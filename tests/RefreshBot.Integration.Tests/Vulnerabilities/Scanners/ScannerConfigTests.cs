using RefreshBot.Adapters.Vulnerabilities.Scanners;
using RefreshBot.Host.Config;
using RefreshBot.Integration.Tests.Config;

namespace RefreshBot.Integration.Tests.Vulnerabilities.Scanners;

/// <summary><c>vulnerabilities.scanner</c>: values, defaults, and file:line:col errors.</summary>
public sealed class ScannerConfigTests : IDisposable
{
    private readonly ConfigFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Every_scanner_key_is_read()
    {
        var config = _folder.Load("vulnerabilities:\n  scanner: {kind: grype, path: /opt/grype/grype, timeout: 90s}\n");

        Assert.Equal(new ScannerOptions(ScannerKind.Grype, "/opt/grype/grype", TimeSpan.FromSeconds(90)), config.Vulnerabilities.Scanner);
        Assert.Null(config.Vulnerabilities.OsvDirectory);
        Assert.Null(config.Vulnerabilities.OsvApi);
    }

    [Fact]
    public void Path_and_timeout_have_defaults_and_a_missing_executable_is_not_a_config_error()
    {
        var config = _folder.Load("vulnerabilities:\n  scanner:\n    kind: trivy\n");

        Assert.Equal(new ScannerOptions(ScannerKind.Trivy, "/usr/bin/trivy", TimeSpan.FromMinutes(5)), config.Vulnerabilities.Scanner);
    }

    [Theory]
    [InlineData("vulnerabilities:\n  osvApi: https://x/\n  scanner: {kind: trivy}\n", "refreshbot.yaml:2:3: vulnerabilities: expected one of 'osvDirectory', 'osvApi' or 'scanner', not several")]
    [InlineData("vulnerabilities:\n  scanner: {kind: clair}\n", "refreshbot.yaml:2:19: vulnerabilities.scanner.kind: expected one of trivy, grype, got 'clair'")]
    [InlineData("vulnerabilities:\n  scanner: {path: /usr/bin/trivy}\n", "refreshbot.yaml:2:12: vulnerabilities.scanner: 'kind' is required (trivy or grype)")]
    [InlineData("vulnerabilities:\n  scanner: {kind: trivy, path: bin/trivy}\n", "refreshbot.yaml:2:32: vulnerabilities.scanner.path: expected an absolute path")]
    [InlineData("vulnerabilities:\n  scanner: {kind: trivy, timeout: 5}\n", "refreshbot.yaml:2:35: vulnerabilities.scanner.timeout: expected a duration")]
    [InlineData("vulnerabilities:\n  scanner: {kind: trivy, args: x}\n", "refreshbot.yaml:2:26: unknown key 'args'")]
    public void Bad_values_are_errors_naming_file_line_and_column(string yaml, string expected)
    {
        var error = Assert.Throws<ConfigException>(() => _folder.Load(yaml));

        Assert.StartsWith(expected, error.Message);
    }
}

using System.Diagnostics;

namespace RefreshBot.Integration.Tests.Docker;

/// <summary>
/// Runs the real <c>docker</c> CLI against the local daemon. A missing CLI or daemon fails the test
/// (CI must start <c>dockerd</c>; see scripts/test.sh), it never skips it.
/// </summary>
internal static class DockerCli
{
    public static async Task<string> RunAsync(string workingDirectory, params string[] arguments)
    {
        var (exitCode, output, error) = await TryRunAsync(workingDirectory, arguments);
        if (exitCode != 0)
        {
            throw new InvalidOperationException(
                $"docker {string.Join(' ', arguments)} exited {exitCode}: {error}\n{output}\n" +
                "Is the Docker daemon running? scripts/test.sh installs docker.io and starts dockerd.");
        }

        return output;
    }

    /// <summary>Runs docker and returns its exit code, trimmed stdout and stderr (for commands expected to fail).</summary>
    public static async Task<(int ExitCode, string Output, string Error)> TryRunAsync(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo("docker")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The legacy builder is what Debian's docker.io offers; keep the run independent of the host's setting.
        start.Environment["DOCKER_BUILDKIT"] = "0";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start docker");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, (await stdout).Trim(), (await stderr).Trim());
    }
}

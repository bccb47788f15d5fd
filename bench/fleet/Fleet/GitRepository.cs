using System.Diagnostics;

namespace RefreshBot.FleetBench.Fleet;

/// <summary>Turns a folder into a git repository with one commit, through the plain <c>git</c> CLI.</summary>
public static class GitRepository
{
    public static async Task InitAndCommitAsync(string folder, CancellationToken cancellationToken)
    {
        await GitAsync(folder, cancellationToken, "init", "-q");
        await GitAsync(folder, cancellationToken, "add", "-A");
        await GitAsync(folder, cancellationToken,
            "-c", "user.name=refreshbot-bench", "-c", "user.email=bench@example.invalid", "-c", "commit.gpgsign=false",
            "commit", "-qm", "Initial commit");
    }

    private static async Task GitAsync(string folder, CancellationToken cancellationToken, params string[] arguments)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start git (Debian package git)");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        await stdout;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"git {string.Join(' ', arguments)} in {folder} failed ({process.ExitCode}): {(await stderr).Trim()}");
        }
    }
}

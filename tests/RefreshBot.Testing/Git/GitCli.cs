using System.Diagnostics;
using System.Text;

namespace RefreshBot.Testing.Git;

/// <summary>Runs the <c>git</c> command line for test set-up (no shell, arguments passed as a list).</summary>
public static class GitCli
{
    /// <summary>Runs git in <paramref name="workingDirectory"/>; throws with stderr when it exits non-zero.</summary>
    public static async Task<string> RunAsync(
        string workingDirectory,
        IReadOnlyList<string> arguments,
        CancellationToken cancellationToken,
        string? input = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var result = await TryRunAsync(workingDirectory, arguments, cancellationToken, input, environment);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"git {string.Join(' ', arguments)} exited {result.ExitCode}: {result.Error.Trim()}");
        }

        return result.Output;
    }

    /// <summary>Runs git and returns its exit code and both outputs, whatever the exit code.</summary>
    public static async Task<GitCliResult> TryRunAsync(
        string workingDirectory,
        IReadOnlyList<string> arguments,
        CancellationToken cancellationToken,
        string? input = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        start.Environment["LC_ALL"] = "C";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("git could not be started");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input.AsMemory(), cancellationToken);
        }

        process.StandardInput.Close();
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new GitCliResult(process.ExitCode, await output, await error);
    }
}

/// <summary>What one git invocation printed.</summary>
public sealed record GitCliResult(int ExitCode, string Output, string Error);

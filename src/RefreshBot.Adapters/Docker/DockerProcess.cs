using System.ComponentModel;
using System.Diagnostics;

namespace RefreshBot.Adapters.Docker;

/// <summary>How a docker CLI process ended: its exit code, or timed out (then the process tree was killed).</summary>
internal sealed record DockerExit(int? ExitCode, bool TimedOut)
{
    public bool Succeeded => ExitCode == 0;
}

/// <summary>One line the CLI printed: possibly cut at the line cap; <paramref name="IsError"/> when from stderr.</summary>
internal readonly record struct OutputLine(string Text, bool Cut, bool IsError);

/// <summary>
/// Runs the docker CLI with a <see cref="BuildEnvironment"/>, streaming stdout and stderr line by line (lines capped
/// at <c>maxLineChars</c>). On timeout or cancellation the whole process tree is killed; cancellation then throws.
/// </summary>
internal static class DockerProcess
{
    public static async Task<DockerExit> RunAsync(
        string executable, IReadOnlyList<string> arguments, BuildEnvironment environment, string? workingDirectory,
        int maxLineChars, Action<OutputLine> onLine, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? environment.Home,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        environment.ApplyTo(start);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new DockerCliException($"could not start {executable}");
        }
        catch (Win32Exception e)
        {
            throw new DockerCliException($"the docker CLI '{executable}' was not found or could not be started", e);
        }

        using (process)
        {
            process.StandardInput.Close();
            var gate = new Lock();
            Action<string, bool> Emit(bool isError) => (line, cut) =>
            {
                lock (gate)
                {
                    onLine(new OutputLine(line, cut, isError));
                }
            };

            using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeoutSource.CancelAfter(timeout);
            var stdout = CappedLineReader.ReadAsync(process.StandardOutput, maxLineChars, Emit(false), CancellationToken.None);
            var stderr = CappedLineReader.ReadAsync(process.StandardError, maxLineChars, Emit(true), CancellationToken.None);
            try
            {
                await process.WaitForExitAsync(timeoutSource.Token);
                await Task.WhenAll(stdout, stderr);
                return new DockerExit(process.ExitCode, TimedOut: false);
            }
            catch (OperationCanceledException)
            {
                Kill(process);
                // The pipes close with the process; drain what was printed so far.
                await Task.WhenAll(stdout, stderr).WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                cancellationToken.ThrowIfCancellationRequested();
                return new DockerExit(null, TimedOut: true);
            }
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(TimeSpan.FromSeconds(10));
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }
}

/// <summary>The docker CLI could not be run at all (missing executable). The message holds no secrets.</summary>
public sealed class DockerCliException(string message, Exception? inner = null) : Exception(message, inner);

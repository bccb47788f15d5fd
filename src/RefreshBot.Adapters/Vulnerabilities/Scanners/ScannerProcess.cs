using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace RefreshBot.Adapters.Vulnerabilities.Scanners;

/// <summary>How a scanner run ended: exit code, stdout (capped), the tail of stderr; or timed out / output too large.</summary>
internal sealed record ScannerExit(int? ExitCode, byte[] Output, string ErrorTail, bool TimedOut, bool OutputTooLarge);

/// <summary>
/// Runs a scanner with a cleared environment: only <c>PATH</c>, a private <c>HOME</c> (the scanner's database cache lives
/// there, so it is downloaded once per bot process, and the bot's <c>~/.docker/config.json</c> is not read) and
/// <c>DOCKER_HOST</c> when the bot has one. On timeout or cancellation the process tree is killed.
/// </summary>
internal static class ScannerProcess
{
    private const int ErrorTailChars = 2000;

    /// <exception cref="FileNotFoundException">The executable is missing or cannot be started.</exception>
    public static async Task<ScannerExit> RunAsync(
        string executable, IReadOnlyList<string> arguments, string home, TimeSpan timeout, long maxOutputBytes, CancellationToken cancellationToken)
    {
        if (!File.Exists(executable))
        {
            throw new FileNotFoundException($"{executable} does not exist", executable);
        }

        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = home,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var dockerHost = Environment.GetEnvironmentVariable("DOCKER_HOST");
        start.Environment.Clear();
        start.Environment["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/bin:/usr/bin:/bin";
        start.Environment["HOME"] = home;
        if (!string.IsNullOrEmpty(dockerHost))
        {
            start.Environment["DOCKER_HOST"] = dockerHost;
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new FileNotFoundException($"{executable} could not be started", executable);
        }
        catch (Win32Exception e)
        {
            throw new FileNotFoundException($"{executable} could not be started: {e.Message}", executable, e);
        }

        using (process)
        {
            process.StandardInput.Close();
            using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeoutSource.CancelAfter(timeout);
            var output = ReadCappedAsync(process.StandardOutput.BaseStream, maxOutputBytes, timeoutSource);
            var errors = ReadTailAsync(process.StandardError);
            try
            {
                await process.WaitForExitAsync(timeoutSource.Token).ConfigureAwait(false);
                var (bytes, tooLarge) = await output.ConfigureAwait(false);
                return new ScannerExit(process.ExitCode, bytes, await errors.ConfigureAwait(false), false, tooLarge);
            }
            catch (OperationCanceledException)
            {
                Kill(process);
                cancellationToken.ThrowIfCancellationRequested();
                var tooLarge = output.IsCompletedSuccessfully && output.Result.TooLarge;
                return new ScannerExit(null, [], "", TimedOut: !tooLarge, OutputTooLarge: tooLarge);
            }
        }
    }

    private static async Task<(byte[] Bytes, bool TooLarge)> ReadCappedAsync(Stream stream, long max, CancellationTokenSource stop)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, CancellationToken.None).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > max)
            {
                await stop.CancelAsync().ConfigureAwait(false);
                return ([], true);
            }

            buffer.Write(chunk, 0, read);
        }

        return (buffer.ToArray(), false);
    }

    private static async Task<string> ReadTailAsync(StreamReader reader)
    {
        var tail = new StringBuilder();
        var chunk = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(chunk, CancellationToken.None).ConfigureAwait(false)) > 0)
        {
            tail.Append(chunk, 0, read);
            if (tail.Length > ErrorTailChars * 2)
            {
                tail.Remove(0, tail.Length - ErrorTailChars);
            }
        }

        var text = tail.ToString().Trim();
        return text.Length > ErrorTailChars ? text[^ErrorTailChars..] : text;
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

using System.Diagnostics;

namespace RefreshBot.Integration.Tests.Packages;

/// <summary>
/// Runs the real <c>rpm</c> / <c>rpmbuild</c> (Debian package <c>rpm</c>, SQLite backend by default).
/// A missing tool fails the test, it never skips it.
/// </summary>
internal static class RpmTool
{
    public static async Task<string> RunAsync(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process? process;
        try
        {
            process = Process.Start(start);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"{tool} is not installed ({e.Message}): apt-get install rpm", e);
        }

        using (process)
        {
            if (process is null)
            {
                throw new InvalidOperationException($"could not start {tool}");
            }

            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await process.WaitForExitAsync(timeout.Token);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{tool} {string.Join(' ', arguments)} exited {process.ExitCode}: {await stderr}");
            }

            return await stdout;
        }
    }
}

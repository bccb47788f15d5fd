using System.Diagnostics;
using System.Globalization;

namespace RefreshBot.FleetBench.Measurement;

/// <summary>
/// Runs <c>dotnet refreshbot.dll …</c> as a separate process under GNU time (<c>/usr/bin/time</c>, Debian package
/// <c>time</c>). GNU time waits for the child with <c>wait4</c> and prints the kernel's own accounting for it:
/// user and system CPU seconds and the peak resident set size (<c>ru_maxrss</c>) — exact, unlike polling
/// <c>/proc</c>, which can miss a short final peak.
/// </summary>
public static class CheckProcess
{
    public const string TimeExecutable = "/usr/bin/time";

    public static Task<CheckMeasurement> RunAsync(
        string refreshbotDll, IReadOnlyList<string> arguments, string workDirectory, TimeSpan timeout, CancellationToken cancellationToken) =>
        RunProgramAsync(DotnetHost(), [refreshbotDll, .. arguments], workDirectory, null, new Dictionary<string, string>(), timeout, cancellationToken);

    /// <summary>Any program under GNU time, in <paramref name="currentDirectory"/> (default: inherited) with extra environment variables.</summary>
    public static async Task<CheckMeasurement> RunProgramAsync(
        string executable, IReadOnlyList<string> arguments, string workDirectory, string? currentDirectory,
        IReadOnlyDictionary<string, string> environment, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (!File.Exists(TimeExecutable))
        {
            throw new InvalidOperationException($"{TimeExecutable} is missing: install the Debian package 'time' (apt-get install time)");
        }

        var timeFile = Path.Combine(workDirectory, $"time-{Guid.NewGuid():N}.txt");
        var start = new ProcessStartInfo(TimeExecutable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = currentDirectory ?? string.Empty,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        foreach (var argument in new[] { "-f", "%U %S %M", "-o", timeFile, executable }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + TimeExecutable);
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(executable)} did not finish within {timeout}");
        }

        stopwatch.Stop();
        var (user, system, rss) = ParseTime(await File.ReadAllLinesAsync(timeFile, cancellationToken));
        File.Delete(timeFile);
        return new CheckMeasurement(process.ExitCode, stopwatch.Elapsed.TotalSeconds, user, system, rss, await stdout, await stderr);
    }

    /// <summary>The dotnet host that runs this benchmark (so the check uses the same runtime), else <c>dotnet</c> on PATH.</summary>
    private static string DotnetHost()
    {
        var fromSdk = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(fromSdk) && File.Exists(fromSdk))
        {
            return fromSdk;
        }

        var current = Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
    }

    private static (double User, double System, long RssKilobytes) ParseTime(string[] lines)
    {
        // GNU time prefixes "Command exited with non-zero status N" when the child failed: the figures are the last line.
        var parts = lines.Last(l => l.Length > 0).Split(' ');
        return (
            double.Parse(parts[0], CultureInfo.InvariantCulture),
            double.Parse(parts[1], CultureInfo.InvariantCulture),
            long.Parse(parts[2], CultureInfo.InvariantCulture));
    }
}

using System.Diagnostics;
using System.Text;
using RefreshBot.Integration.Tests.Cli;

namespace RefreshBot.Integration.Tests.Recovery;

/// <summary>
/// The built <c>refreshbot</c> as a child process the test can kill with <c>SIGKILL</c> (the whole process tree, as
/// a container runtime does), with stdout and stderr collected as they come.
/// </summary>
public sealed class BotProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();

    private BotProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public bool Killed { get; private set; }

    /// <summary>Starts <c>dotnet refreshbot.dll</c> with <paramref name="arguments"/> and extra environment variables.</summary>
    public static BotProcess Start(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var dll = HostDll();
        Assert.True(File.Exists(dll), "refreshbot.dll not built: " + dll);
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start };
        var bot = new BotProcess(process);
        process.OutputDataReceived += (_, e) => bot.Append(bot._stdout, e.Data);
        process.ErrorDataReceived += (_, e) => bot.Append(bot._stderr, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return bot;
    }

    /// <summary><c>refreshbot run --once --config CONFIG --cache-dir CACHE</c>.</summary>
    public static BotProcess RunOnce(string config, string cacheFolder, IReadOnlyDictionary<string, string>? environment = null) =>
        Start(["run", "--once", "--config", config, "--cache-dir", cacheFolder, "--log-level", "Debug"], environment);

    /// <summary>Runs <c>run --once</c> to its end (2 minutes at most).</summary>
    public static async Task<CliRun> RunOnceToEndAsync(string config, string cacheFolder, IReadOnlyDictionary<string, string>? environment = null)
    {
        await using var bot = RunOnce(config, cacheFolder, environment);
        return await bot.WaitAsync(TimeSpan.FromMinutes(2));
    }

    /// <summary>Waits for the process to exit by itself.</summary>
    public async Task<CliRun> WaitAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(deadline.Token);
        return Result();
    }

    /// <summary><c>SIGKILL</c> to the process and every process it started (git), then waits until it is gone.</summary>
    public async Task<CliRun> KillAsync()
    {
        Killed = true;
        _process.Kill(entireProcessTree: true);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(deadline.Token);
        return Result();
    }

    public string Output
    {
        get
        {
            lock (_stdout)
            {
                return _stdout + "\n--- stderr\n" + _stderr;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
    }

    private CliRun Result()
    {
        _process.WaitForExit(); // drains the asynchronous readers
        lock (_stdout)
        {
            return new CliRun(_process.ExitCode, _stdout.ToString(), _stderr.ToString());
        }
    }

    private void Append(StringBuilder to, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_stdout)
        {
            to.AppendLine(line);
        }
    }

    /// <summary>The Host's own build output (same configuration as the tests).</summary>
    private static string HostDll()
    {
        var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var root = testBin;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "RefreshBot.sln")))
        {
            root = root.Parent;
        }

        Assert.NotNull(root);
        return Path.Combine(root.FullName, "src", "RefreshBot.Host", "bin", testBin.Parent!.Name, testBin.Name, "refreshbot.dll");
    }
}

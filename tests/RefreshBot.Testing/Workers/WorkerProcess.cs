using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace RefreshBot.Testing.Workers;

/// <summary>
/// One <c>dotnet refreshbot.dll run --config FILE</c> child process with its own environment (data folder, listen port,
/// tokens, PATH): started and awaited until <c>/healthz</c> answers, its stdout/stderr captured line by line, stopped
/// with SIGTERM (<see cref="StopAsync"/>, returns the exit code) or killed with SIGKILL, children included (<see cref="Kill"/>). Several can
/// run against one database (a cluster). Disposing kills it when still running.
/// </summary>
public sealed class WorkerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private WorkerProcess(Process process, string name, Uri baseUri)
    {
        _process = process;
        Name = name;
        BaseUri = baseUri;
        Http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(30) };
    }

    public string Name { get; }

    /// <summary>Where the worker's HTTP endpoints listen.</summary>
    public Uri BaseUri { get; }

    /// <summary>A client for the worker's endpoints (base address <see cref="BaseUri"/>).</summary>
    public HttpClient Http { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _exited.Task.IsCompleted;

    public int? ExitCode => HasExited ? _process.ExitCode : null;

    public string Stdout
    {
        get
        {
            lock (_gate)
            {
                return _stdout.ToString();
            }
        }
    }

    /// <summary>What it logged so far (logs go to stderr).</summary>
    public string Stderr
    {
        get
        {
            lock (_gate)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <summary>Starts the worker and waits until <c>/healthz</c> answers 200 (fails with its output when it exits or times out).</summary>
    public static async Task<WorkerProcess> StartAsync(WorkerOptions options, CancellationToken cancellationToken = default)
    {
        var dll = options.HostDll ?? FindHostDll();
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException("refreshbot.dll not built", dll);
        }

        var port = options.Port ?? FreePort();
        var baseUri = new Uri($"http://127.0.0.1:{port}/");
        var start = new ProcessStartInfo(DotnetExecutable(), [dll, "run", "--config", options.ConfigPath, .. options.Arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = System.IO.Path.GetDirectoryName(options.ConfigPath) ?? ".",
        };
        start.Environment["REFRESHBOT_LISTEN"] = baseUri.GetLeftPart(UriPartial.Authority);
        if (options.DataDir is not null)
        {
            start.Environment["REFRESHBOT_DATA_DIR"] = options.DataDir;
        }

        if (options.Path is not null)
        {
            start.Environment["PATH"] = options.Path;
        }

        foreach (var (name, value) in options.Environment)
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var worker = new WorkerProcess(process, options.Name, baseUri);
        process.OutputDataReceived += (_, e) => worker.Append(worker._stdout, e.Data);
        process.ErrorDataReceived += (_, e) => worker.Append(worker._stderr, e.Data);
        process.Exited += (_, _) => worker._exited.TrySetResult();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await worker.WaitForHealthAsync(options.StartTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await worker.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return worker;
    }

    /// <summary>Waits until <c>/healthz</c> answers 200.</summary>
    public async Task WaitForHealthAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with {_process.ExitCode} before it was healthy:\n{Stderr}\n{Stdout}");
            }

            try
            {
                using var response = await Http.GetAsync("healthz", cancellationToken).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{Name} was not healthy within {timeout}:\n{Stderr}");
            }

            await Task.Delay(200, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Waits until the worker's output (stderr or stdout) contains <paramref name="text"/>.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Stderr.Contains(text, StringComparison.Ordinal) && !Stdout.Contains(text, StringComparison.Ordinal))
        {
            if (HasExited || DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{Name} never wrote '{text}' (exited: {HasExited}):\n{Stderr}");
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// SIGKILL to the worker and every process it started (git, docker, …, and theirs): all die at once, mid-whatever,
    /// with no graceful shutdown, and none is left behind holding locks, ports or files.
    /// </summary>
    public void Kill()
    {
        if (!HasExited)
        {
            // .NET sends SIGKILL on Unix, to each descendant found under the process (recursively), then to the process.
            _process.Kill(entireProcessTree: true);
        }
    }

    /// <summary>Sends SIGTERM (a graceful stop) without waiting.</summary>
    public void Terminate()
    {
        if (!HasExited)
        {
            using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])
            {
                UseShellExecute = false,
            })!;
            kill.WaitForExit();
        }
    }

    /// <summary>SIGTERM, then waits for the exit; returns the exit code.</summary>
    public async Task<int> StopAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        Terminate();
        return await WaitForExitAsync(timeout, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Waits for the process to exit (throws with its output on timeout); returns the exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        try
        {
            await _exited.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{Name} did not exit within {timeout}:\n{Stderr}");
        }

        await _process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);    // drains the output
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!HasExited)
        {
            Kill();
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }

        Http.Dispose();
        _process.Dispose();
    }

    public override string ToString() => $"{Name} (pid {_process.Id}, {BaseUri})";

    /// <summary>
    /// The Host's build output next to the calling test assembly's (same configuration and framework), found from
    /// the folder holding <c>RefreshBot.sln</c>.
    /// </summary>
    public static string FindHostDll()
    {
        var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(System.IO.Path.DirectorySeparatorChar));
        var framework = testBin.Name;
        var configuration = testBin.Parent!.Name;
        var root = testBin;
        while (root is not null && !File.Exists(System.IO.Path.Combine(root.FullName, "RefreshBot.sln")))
        {
            root = root.Parent;
        }

        return root is null
            ? throw new DirectoryNotFoundException("RefreshBot.sln not found above " + testBin.FullName)
            : System.IO.Path.Combine(root.FullName, "src", "RefreshBot.Host", "bin", configuration, framework, "refreshbot.dll");
    }

    private void Append(StringBuilder target, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            target.AppendLine(line);
        }
    }

    private static string DotnetExecutable()
    {
        if (System.Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host))
        {
            return host;
        }

        var found = (System.Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => System.IO.Path.Combine(folder, "dotnet"))
            .FirstOrDefault(File.Exists);
        return found ?? "dotnet";
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

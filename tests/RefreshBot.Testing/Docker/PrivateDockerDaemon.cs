using System.Diagnostics;
using System.Globalization;

namespace RefreshBot.Testing.Docker;

/// <summary>
/// A dockerd of a test's own, so it can be stopped, killed, restarted or run out of disk without touching the machine's
/// daemon (other tests use that one in parallel): its own data root, exec root (with its own managed containerd),
/// pid file and unix socket under a temporary folder, its own bridge interface (<c>rbd…</c>) and no iptables rules.
/// Never <c>--bridge=none</c>: a daemon started so deletes the host's <c>docker0</c>, breaking the main daemon's builds. Optionally the data root is a
/// size-limited tmpfs (overlay2 works on it), which <see cref="ResizeDataRootAsync"/> can grow. Dispose stops the
/// daemon and its containerd, unmounts what it mounted and deletes the folder. A missing dockerd fails, never skips.
/// </summary>
public sealed class PrivateDockerDaemon : IAsyncDisposable
{
    private readonly string _root;
    private Process? _process;

    private PrivateDockerDaemon(string root)
    {
        _root = root;
        Bridge = "rbd" + Guid.NewGuid().ToString("N")[..8];
    }

    /// <summary>The daemon's own bridge interface (created at start, deleted at the end).</summary>
    public string Bridge { get; }

    /// <summary>The daemon address for <c>DOCKER_HOST</c>: <c>unix:///tmp/rbd-…/d.sock</c>.</summary>
    public string Host => "unix://" + Socket;

    public string Socket => Path.Combine(_root, "d.sock");

    public string DataRoot => Path.Combine(_root, "data");

    private string ExecRoot => Path.Combine(_root, "exec");

    private string LogFile => Path.Combine(_root, "dockerd.log");

    public bool Running => _process is { HasExited: false };

    /// <param name="dataRootBytes">When given, the data root is a tmpfs of this size (disk-full tests).</param>
    public static async Task<PrivateDockerDaemon> StartAsync(long? dataRootBytes = null, CancellationToken cancellationToken = default)
    {
        // Short path: a unix socket path must stay under 108 bytes.
        var daemon = new PrivateDockerDaemon(Directory.CreateTempSubdirectory("rbd-").FullName);
        Directory.CreateDirectory(daemon.DataRoot);
        Directory.CreateDirectory(daemon.ExecRoot);
        try
        {
            if (dataRootBytes is { } bytes)
            {
                await MustRunAsync("mount", ["-t", "tmpfs", "-o", "size=" + bytes.ToString(CultureInfo.InvariantCulture), "tmpfs", daemon.DataRoot], cancellationToken);
            }

            var subnet = "10.213." + Random.Shared.Next(1, 255).ToString(CultureInfo.InvariantCulture);
            await MustRunAsync("ip", ["link", "add", "name", daemon.Bridge, "type", "bridge"], cancellationToken);
            await MustRunAsync("ip", ["addr", "add", subnet + ".1/24", "dev", daemon.Bridge], cancellationToken);
            await MustRunAsync("ip", ["link", "set", daemon.Bridge, "up"], cancellationToken);
            await daemon.StartAgainAsync(cancellationToken);
            return daemon;
        }
        catch
        {
            await daemon.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the daemon (again) on the same folders and waits until it answers.</summary>
    public async Task StartAgainAsync(CancellationToken cancellationToken = default)
    {
        if (Running)
        {
            throw new InvalidOperationException("the private dockerd is already running");
        }

        var dockerd = new[] { "/usr/sbin/dockerd", "/usr/bin/dockerd" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("dockerd is not installed (scripts/test.sh installs docker.io); Docker fault tests need it");
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec \"$0\" \"$@\" >>\"$LOG\" 2>&1");
        foreach (var argument in new[]
                 {
                     dockerd, "--data-root", DataRoot, "--exec-root", ExecRoot, "--pidfile", Path.Combine(_root, "dockerd.pid"),
                     "-H", Host, "--bridge", Bridge, "--iptables=false", "--ip6tables=false", "--ip-masq=false",
                 })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["LOG"] = LogFile;
        _process = Process.Start(start) ?? throw new InvalidOperationException("could not start dockerd");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the private dockerd exited with code {_process.ExitCode}:\n{LogTail()}");
            }

            if ((await DockerAsync(cancellationToken, "version", "--format", "{{.Server.Version}}")).ExitCode == 0)
            {
                return;
            }

            await Task.Delay(250, cancellationToken);
        }

        throw new TimeoutException("the private dockerd did not answer within 90 s:\n" + LogTail());
    }

    /// <summary>Stops the daemon: SIGTERM (a clean shutdown, which kills running build steps) or SIGKILL of dockerd and its containerd (a crash); waits until it is gone.</summary>
    public async Task StopAsync(bool kill = false, CancellationToken cancellationToken = default)
    {
        if (_process is not { HasExited: false } process)
        {
            return;
        }

        if (kill)
        {
            // dockerd and its managed containerd, as a crash of the daemon's service would end them (a containerd left
            // alone makes the next start wait for it and time out under load).
            process.Kill(entireProcessTree: true);
        }
        else
        {
            await RunAsync("kill", ["-s", "TERM", process.Id.ToString(CultureInfo.InvariantCulture)], null, cancellationToken);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        if (kill)
        {
            // A killed process may linger as a zombie for a while, and a pid file naming it makes the next start wait
            // for a "running" containerd that never answers.
            File.Delete(Path.Combine(_root, "dockerd.pid"));
            File.Delete(Path.Combine(ExecRoot, "containerd", "containerd.pid"));
        }
    }

    /// <summary>Grows (or shrinks) the tmpfs data root in place.</summary>
    public Task ResizeDataRootAsync(long bytes, CancellationToken cancellationToken = default) =>
        MustRunAsync("mount", ["-o", "remount,size=" + bytes.ToString(CultureInfo.InvariantCulture), DataRoot], cancellationToken);

    /// <summary>Waits until a container is running (e.g. a build's RUN step); returns its id.</summary>
    public async Task<string> WaitForRunningContainerAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var (exitCode, output, _) = await DockerAsync(cancellationToken, "ps", "-q");
            if (exitCode == 0 && output.Length > 0)
            {
                return output.Split('\n')[0];
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new TimeoutException($"no container ran on the private dockerd within {timeout.TotalSeconds} s");
    }

    /// <summary>The containers and images carrying <paramref name="label"/> (e.g. <c>refreshbot.build</c>), one line each: kind, id, what.</summary>
    public async Task<IReadOnlyList<string>> LabelledAsync(string label, CancellationToken cancellationToken = default)
    {
        var containers = await DockerAsync(cancellationToken, "ps", "-a", "--filter", "label=" + label, "--format", "container {{.ID}} {{.Image}} {{.Status}} {{.Command}}");
        var images = await DockerAsync(cancellationToken, "images", "-a", "--filter", "label=" + label, "--format", "image {{.ID}} {{.Repository}}:{{.Tag}} {{.CreatedSince}}");
        if (containers.ExitCode != 0 || images.ExitCode != 0)
        {
            throw new InvalidOperationException($"listing labelled objects failed: {containers.Error} {images.Error}");
        }

        return [.. (containers.Output + "\n" + images.Output).Split('\n', StringSplitOptions.RemoveEmptyEntries)];
    }

    /// <summary>Runs the docker CLI against this daemon.</summary>
    public Task<(int ExitCode, string Output, string Error)> DockerAsync(CancellationToken cancellationToken, params string[] arguments) =>
        RunAsync("docker", arguments, new Dictionary<string, string> { ["DOCKER_HOST"] = Host, ["DOCKER_BUILDKIT"] = "0" }, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync(kill: false, CancellationToken.None);
        }
        catch (Exception e) when (e is OperationCanceledException or InvalidOperationException)
        {
            _process?.Kill(entireProcessTree: true);
        }

        _process?.Dispose();
        // A killed daemon leaves its managed containerd behind; the next start would reuse it, the end does not.
        foreach (var pidFile in Directory.Exists(ExecRoot) ? Directory.EnumerateFiles(ExecRoot, "*.pid", SearchOption.AllDirectories) : [])
        {
            if (int.TryParse(File.ReadAllText(pidFile).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                await RunAsync("kill", ["-s", "KILL", pid.ToString(CultureInfo.InvariantCulture)], null, CancellationToken.None);
            }
        }

        // Shims of containers a killed daemon left running belong to no daemon any more: end them and their processes.
        foreach (var shim in ShimsOf(ExecRoot))
        {
            await RunAsync("pkill", ["-KILL", "-P", shim.ToString(CultureInfo.InvariantCulture)], null, CancellationToken.None);
            await RunAsync("kill", ["-s", "KILL", shim.ToString(CultureInfo.InvariantCulture)], null, CancellationToken.None);
        }

        await Task.Delay(500);
        foreach (var mount in MountsUnder(_root).OrderByDescending(m => m.Length))
        {
            await RunAsync("umount", ["-l", mount], null, CancellationToken.None);
        }

        await RunAsync("ip", ["link", "del", Bridge], null, CancellationToken.None);
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A busy leftover in /tmp is harmless; the mounts are gone.
        }
    }

    private string LogTail() =>
        File.Exists(LogFile) ? string.Join('\n', File.ReadAllLines(LogFile).TakeLast(20)) : "(no log)";

    private static List<int> ShimsOf(string execRoot)
    {
        var shims = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                var commandLine = File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ');
                if (commandLine.Contains("containerd-shim", StringComparison.Ordinal) && commandLine.Contains(execRoot + "/", StringComparison.Ordinal))
                {
                    shims.Add(pid);
                }
            }
            catch (IOException)
            {
                // Gone meanwhile.
            }
        }

        return shims;
    }

    private static IEnumerable<string> MountsUnder(string root) =>
        File.ReadAllLines("/proc/self/mountinfo")
            .Select(line => line.Split(' '))
            .Where(fields => fields.Length > 4)
            .Select(fields => fields[4].Replace("\\040", " ", StringComparison.Ordinal))
            .Where(point => point == root || point.StartsWith(root + "/", StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .ToList();

    private static async Task MustRunAsync(string executable, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var (exitCode, output, error) = await RunAsync(executable, arguments, null, cancellationToken);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"{executable} {string.Join(' ', arguments)} exited {exitCode}: {error} {output}");
        }
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(
        string executable, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? environment, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + executable);
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, (await stdout).Trim(), (await stderr).Trim());
    }
}

using System.Globalization;

namespace RefreshBot.Integration.Tests.Service;

/// <summary>
/// <see cref="Testing.Workers.WorkerProcess.Kill"/> is a SIGKILL of the whole process tree: a worker busy with a child
/// process (here the readiness probe's <c>docker version</c>, a script that itself started a grandchild) leaves none behind.
/// </summary>
public sealed class WorkerKillTests : IAsyncLifetime
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);

    private readonly ServiceWorld _service = new();

    public Task InitializeAsync() => _service.InitializeAsync();

    public Task DisposeAsync() => _service.DisposeAsync();

    [Fact]
    public async Task Kill_takes_the_workers_children_and_grandchildren_with_it()
    {
        var tools = Directory.CreateDirectory(Path.Combine(_service.World.Folder, "tools")).FullName;
        var pids = Path.Combine(_service.World.Folder, "docker.pids");
        var docker = Path.Combine(tools, "docker");
        // "docker": records its pid and a grandchild's, then hangs (the probe waits up to 5 s for it)
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("needs /proc and POSIX signals");
        }

        await File.WriteAllTextAsync(docker, $"#!/bin/sh\nsleep 300 &\necho \"$$ $!\" > {pids}.tmp\nmv {pids}.tmp {pids}\nwait\n");
        File.SetUnixFileMode(docker, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        _service.WriteConfig("0 0 3 * * ?", extra: "build:\n  enabled: true\n");
        var worker = await _service.StartWorkerAsync(path: tools + ":" + Environment.GetEnvironmentVariable("PATH"));

        var probe = worker.Http.GetAsync("readyz");
        await _service.WaitUntilAsync(() => File.Exists(pids), Generous, "the readiness probe ran the fake docker");
        var started = (await File.ReadAllTextAsync(pids)).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(2, started.Length);
        Assert.All(started, pid => Assert.True(Alive(pid), $"process {pid} should be running before the kill"));

        worker.Kill();

        Assert.Equal(137, await worker.WaitForExitAsync(Generous));    // 128 + SIGKILL: no graceful shutdown
        await _service.WaitUntilAsync(() => !started.Any(Alive), Generous, "the worker's child and grandchild are gone");
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => probe);
    }

    /// <summary>Running (a zombie waiting to be reaped counts as gone).</summary>
    private static bool Alive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[0];
            return state != "Z" && state != "X";
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or IOException)
        {
            return false;
        }
    }
}

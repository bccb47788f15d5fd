using System.Diagnostics;
using RefreshBot.Adapters.History;
using RefreshBot.Host.Service.Scheduling;

namespace RefreshBot.Host.Service.Health;

/// <summary>The database answers (<see cref="IHistoryStore.PingAsync"/>).</summary>
public sealed class DatabaseReadiness(IHistoryStore history) : IReadinessCheck
{
    public string Name => "database";

    public async Task<ReadinessResult> CheckAsync(CancellationToken cancellationToken)
    {
        try
        {
            await history.PingAsync(cancellationToken).ConfigureAwait(false);
            return new ReadinessResult(Name, true, "reachable");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The exception's type only: a driver's message may quote the connection string.
            return new ReadinessResult(Name, false, "unreachable (" + e.GetType().Name + ")");
        }
    }
}

/// <summary>The scheduler runs and is not shutting down.</summary>
public sealed class SchedulerReadiness(SchedulerLifetime lifetime) : IReadinessCheck
{
    public string Name => "scheduler";

    public Task<ReadinessResult> CheckAsync(CancellationToken cancellationToken) =>
        Task.FromResult(lifetime.IsRunning
            ? new ReadinessResult(Name, true, "running")
            : new ReadinessResult(Name, false, "not running (starting or shutting down)"));
}

/// <summary>The Docker daemon answers <c>docker version</c> (only checked when builds are enabled).</summary>
public sealed class DockerReadiness(string executable = "docker") : IReadinessCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public string Name => "docker";

    public async Task<ReadinessResult> CheckAsync(CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(executable, ["version", "--format", "{{.Server.Version}}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("no process");
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return new ReadinessResult(Name, false, $"'{executable}' not found");
        }

        using (process)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Timeout);
            var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var error = process.StandardError.ReadToEndAsync(timeout.Token);
            try
            {
                await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
                var version = (await output.ConfigureAwait(false)).Trim();
                await error.ConfigureAwait(false);
                return process.ExitCode == 0 && version.Length > 0
                    ? new ReadinessResult(Name, true, "daemon " + version)
                    : new ReadinessResult(Name, false, $"daemon not reachable (docker version exited {process.ExitCode})");
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                process.Kill(entireProcessTree: true);
                return new ReadinessResult(Name, false, $"docker version did not answer within {Timeout.TotalSeconds:0}s");
            }
        }
    }
}

using RefreshBot.Application.Fleet.Discovery;

namespace RefreshBot.Host.Output;

/// <summary>What discovery found (one line per source) and what failed (one line each, naming the request).</summary>
public static class DiscoveryReportWriter
{
    public static async Task WriteAsync(FleetDiscoveryResult result, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        foreach (var c in result.Counts)
        {
            await output.WriteLineAsync(
                $"Discovered {c.Source}: {c.Listed} listed, {c.Kept} tracked (skipped: {c.Archived} archived, {c.Forks} forks, "
                + $"{c.Filtered} by include/exclude, {c.Configured} configured explicitly, {c.WithoutDockerfiles} without Dockerfiles)")
                .WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        foreach (var failure in result.Failures)
        {
            await error.WriteLineAsync(failure.ToString()).WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        if (result.Counts.Count > 0 || result.Failures.Count > 0)
        {
            await output.WriteLineAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}

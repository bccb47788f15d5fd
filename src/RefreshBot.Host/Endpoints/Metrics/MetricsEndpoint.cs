using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Prometheus;

namespace RefreshBot.Host.Endpoints.Metrics;

/// <summary><c>GET /metrics</c>: the Prometheus text format of <see cref="PrometheusExport"/> (metric names <c>refreshbot_*</c>).</summary>
internal static class MetricsEndpoint
{
    public const string Path = "/metrics";

    public static void MapMetricsEndpoint(this IEndpointRouteBuilder endpoints)
    {
        // Resolved now, at start-up: the export must listen before the first measurement.
        var export = endpoints.ServiceProvider.GetService<PrometheusExport>();
        if (export is not null)
        {
            endpoints.MapMetrics(Path, export.Registry);
        }
    }
}

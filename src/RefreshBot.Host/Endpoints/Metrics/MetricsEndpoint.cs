using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace RefreshBot.Host.Endpoints.Metrics;

/// <summary>
/// <c>GET /metrics</c>: <see cref="PrometheusExport"/>'s registry in the Prometheus text format 0.0.4 (metric names
/// <c>refreshbot_*</c>), with its content type even while nothing has been measured yet.
/// </summary>
internal static class MetricsEndpoint
{
    public const string Path = "/metrics";
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static void MapMetricsEndpoint(this IEndpointRouteBuilder endpoints)
    {
        // Resolved now, at start-up: the export must listen before the first measurement.
        var export = endpoints.ServiceProvider.GetService<PrometheusExport>();
        if (export is null)
        {
            return;
        }

        endpoints.MapGet(Path, async (HttpContext http, CancellationToken cancellationToken) =>
        {
            http.Response.ContentType = ContentType;
            http.Response.Headers.CacheControl = "no-store";
            await export.Registry.CollectAndExportAsTextAsync(http.Response.Body, cancellationToken).ConfigureAwait(false);
        });
    }
}

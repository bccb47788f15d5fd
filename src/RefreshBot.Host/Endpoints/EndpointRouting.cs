using Microsoft.AspNetCore.Routing;
using RefreshBot.Host.Dashboard;
using RefreshBot.Host.Endpoints.Events;
using RefreshBot.Host.Endpoints.Metrics;

namespace RefreshBot.Host.Endpoints;

/// <summary>Every HTTP endpoint the service serves (<c>refreshbot run</c>): health, metrics, events.</summary>
public static class EndpointRouting
{
    public static IEndpointRouteBuilder MapRefreshBotEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // Health (/healthz, /readyz), metrics (/metrics) and events (/events/registry, /events/github, /trigger)
        // are mapped here by their own files.
        endpoints.MapHealthEndpoints();
        endpoints.MapMetricsEndpoint();
        endpoints.MapEventEndpoints();
        endpoints.MapDashboardEndpoints();
        return endpoints;
    }
}

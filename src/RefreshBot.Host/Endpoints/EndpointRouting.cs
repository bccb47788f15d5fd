using Microsoft.AspNetCore.Routing;

namespace RefreshBot.Host.Endpoints;

/// <summary>Every HTTP endpoint the service serves (<c>refreshbot run</c>): health, metrics, events.</summary>
public static class EndpointRouting
{
    public static IEndpointRouteBuilder MapRefreshBotEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // Health (/healthz, /readyz), metrics (/metrics) and events (/events/registry, /events/github, /trigger)
        // are mapped here by their own files.
        endpoints.MapHealthEndpoints();
        return endpoints;
    }
}

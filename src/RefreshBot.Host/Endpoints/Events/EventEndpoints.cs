using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using RefreshBot.Host.Config;

namespace RefreshBot.Host.Endpoints.Events;

/// <summary>Maps each event endpoint whose secret is configured (the others are not served: 404).</summary>
internal static class EventEndpoints
{
    public static void MapEventEndpoints(this IEndpointRouteBuilder endpoints)
    {
        if (endpoints.ServiceProvider.GetService<EventSettings>() is not { } settings)
        {
            return;
        }

        if (settings.Registry is { } registry)
        {
            endpoints.MapPost(RegistryEventsEndpoint.Path, (HttpContext http, CancellationToken cancellationToken) =>
                RegistryEventsEndpoint.HandleAsync(http, registry, cancellationToken));
        }

        if (settings.GitHubSecret is { } secret)
        {
            endpoints.MapPost(GitHubEventsEndpoint.Path, (HttpContext http, CancellationToken cancellationToken) =>
                GitHubEventsEndpoint.HandleAsync(http, secret, cancellationToken));
        }

        if (settings.TriggerToken is { } token)
        {
            endpoints.MapPost(TriggerEndpoint.Path, (HttpContext http, CancellationToken cancellationToken) =>
                TriggerEndpoint.HandleAsync(http, token, cancellationToken));
        }
    }
}

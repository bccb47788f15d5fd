using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RefreshBot.Application.Fleet;
using RefreshBot.Host.Config;

namespace RefreshBot.Host.Endpoints.Events;

/// <summary>
/// Composition of the event endpoints. The container must also hold an <see cref="Application.Refresh.Triggers.IRefreshTrigger"/>
/// (the scheduler's, debounced by <see cref="EventSettings.Debounce"/>) and, for registry notifications, an
/// <see cref="Application.Refresh.History.IImageUsageIndex"/>.
/// </summary>
public static class EventServices
{
    public static IServiceCollection AddRefreshBotEvents(this IServiceCollection services, EventSettings settings, IReadOnlyList<TrackedRepository> repositories)
    {
        services.TryAddSingleton(settings);
        services.TryAddSingleton(new EventFleet(repositories));
        services.TryAddSingleton<EventOutcomes>();
        return services;
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using RefreshBot.Adapters.History;
using RefreshBot.Application.Fleet;
using RefreshBot.Application.Refresh.History;
using RefreshBot.Application.Reporting.Status;
using RefreshBot.Host.Config;

namespace RefreshBot.Host.Dashboard;

/// <summary>
/// Composition of the dashboard (only when <c>dashboard.enabled</c>): its access rules, the tracked fleet and the
/// <see cref="FleetStatus"/> query. The container must hold the history (<see cref="IHistoryStore"/>, or its three read
/// interfaces).
/// </summary>
public static class DashboardServices
{
    public static IServiceCollection AddRefreshBotDashboard(this IServiceCollection services, DashboardSettings settings, IReadOnlyList<TrackedRepository> repositories)
    {
        if (!settings.Enabled || settings.Auth is not { } auth)
        {
            return services;
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IRefreshHistory>(p => p.GetRequiredService<IHistoryStore>());
        services.TryAddSingleton<IImageUsageIndex>(p => p.GetRequiredService<IHistoryStore>());
        services.TryAddSingleton<IHistoryLog>(p => p.GetRequiredService<IHistoryStore>());
        services.AddSingleton(new DashboardFleet(repositories));
        services.AddSingleton(p => new FleetStatus(
            p.GetRequiredService<IRefreshHistory>(), p.GetRequiredService<IImageUsageIndex>(), p.GetRequiredService<IHistoryLog>()));
        services.AddSingleton(p => new DashboardAccess(auth, p.GetRequiredService<TimeProvider>(), p.GetRequiredService<ILogger<DashboardAccess>>()));
        return services;
    }
}

/// <summary>The repositories the dashboard shows (the config's, in its order).</summary>
internal sealed record DashboardFleet(IReadOnlyList<TrackedRepository> Repositories)
{
    public TrackedRepository? Find(string id) => Repositories.FirstOrDefault(r => r.Id == id);
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RefreshBot.Application.Telemetry;

namespace RefreshBot.Host.Endpoints.Metrics;

/// <summary>Composition of the service's metrics: one <see cref="RefreshBotMetrics"/> per container and its Prometheus export.</summary>
public static class MetricsServices
{
    public static IServiceCollection AddRefreshBotMetrics(this IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddSingleton<RefreshBotMetrics>();
        services.TryAddSingleton<PrometheusExport>();
        return services;
    }
}

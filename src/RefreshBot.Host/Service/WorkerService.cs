using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RefreshBot.Adapters.History;
using RefreshBot.Application.Refresh.Triggers;
using RefreshBot.Host.Composition;
using RefreshBot.Host.Config;
using RefreshBot.Host.Dashboard;
using RefreshBot.Host.Endpoints;
using RefreshBot.Host.Endpoints.Events;
using RefreshBot.Host.Service.Health;
using RefreshBot.Host.Service.Jobs;
using RefreshBot.Host.Service.Scheduling;
using RefreshBot.Host.Service.Triggers;

namespace RefreshBot.Host.Service;

/// <summary>
/// <c>refreshbot run</c> without <c>--once</c>: the worker service. A web application (Kestrel on
/// <c>service.listen</c>, Serilog) serving the endpoints of <see cref="EndpointRouting"/>, with the refresh composition
/// of <c>run --once</c> and Quartz (<see cref="SchedulerRegistration"/>) running the jobs. Stops on SIGTERM/Ctrl-C.
/// </summary>
public static class WorkerService
{
    /// <summary>Extra time the host allows past <c>service.shutdownTimeout</c> for cancelled jobs to unwind.</summary>
    private static readonly TimeSpan UnwindTime = TimeSpan.FromSeconds(30);

    public static async Task RunAsync(RefreshBotConfig config, string? cacheFolder, CancellationToken cancellationToken)
    {
        // ASP.NET Core's per-request lines are noise in a worker's log: keep its warnings only.
        var cli = Serilog.Log.Logger;
        Serilog.Log.Logger = new Serilog.LoggerConfiguration()
            .MinimumLevel.Verbose()
            .MinimumLevel.Override("Microsoft.AspNetCore", Serilog.Events.LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.Hosting.Lifetime", Serilog.Events.LogEventLevel.Warning)
            .WriteTo.Logger(cli)
            .CreateLogger();
        try
        {
            await using var history = await HistoryStores.OpenAsync(config.Storage.Database, cancellationToken).ConfigureAwait(false);
            await using var app = Build(config, history, cacheFolder);
            await app.RunAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await Serilog.Log.CloseAndFlushAsync().ConfigureAwait(false);
            Serilog.Log.Logger = cli;
        }
    }

    /// <summary>The service, not started (its lifetime is the caller's; <paramref name="history"/> stays the caller's).</summary>
    public static WebApplication Build(RefreshBotConfig config, IHistoryStore history, string? cacheFolder)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(config.Service.Listen.GetLeftPart(UriPartial.Authority));
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = config.Service.ShutdownTimeout + UnwindTime);

        var services = builder.Services;
        services.AddRefreshBotRun(config, history, cacheFolder);
        services.AddRefreshBotDigest(config);
        services.AddRefreshBotScheduler(config);
        services.AddSingleton<FleetSchedule>();
        services.AddHostedService(p => p.GetRequiredService<SchedulerLifetime>());
        services.AddSingleton<IRefreshTrigger>(p => new QuartzRefreshTrigger(
            p.GetRequiredService<Quartz.ISchedulerFactory>(), p.GetRequiredService<ServiceFleet>(), p.GetRequiredService<TimeProvider>(),
            p.GetRequiredService<ILogger<QuartzRefreshTrigger>>(), config.Events.Debounce));
        // Webhooks match the live fleet (configured and discovered), not only the configured repositories.
        services.AddSingleton(p => new EventFleet(() => p.GetRequiredService<ServiceFleet>().Repositories));
        services.AddRefreshBotEvents(config.Events, config.Repositories);
        services.AddRefreshBotDashboard(config.Dashboard, config.Repositories);
        services.AddSingleton<IReadinessCheck, DatabaseReadiness>();
        services.AddSingleton<IReadinessCheck, SchedulerReadiness>();
        if (config.Build.Enabled)
        {
            services.AddSingleton<IReadinessCheck>(new DockerReadiness());
        }

        var app = builder.Build();
        app.MapRefreshBotEndpoints();
        return app;
    }
}

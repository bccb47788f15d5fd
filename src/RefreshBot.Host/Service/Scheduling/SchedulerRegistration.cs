using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Quartz;
using RefreshBot.Adapters.History;
using RefreshBot.Application.Check;
using RefreshBot.Host.Config;
using RefreshBot.Host.Service.Jobs;

namespace RefreshBot.Host.Service.Scheduling;

/// <summary>
/// Quartz for the service: a persistent job store in the history's database (the SQLite file, provider
/// <c>SQLite-Microsoft</c>; or PostgreSQL, provider <c>Npgsql</c>, clustered with instance id AUTO), schema created
/// when missing, System.Text.Json (Quartz's default serializer). Started and stopped by <see cref="SchedulerLifetime"/>.
/// </summary>
public static class SchedulerRegistration
{
    /// <summary>Jobs that may run at once on one node.</summary>
    public const int MaxConcurrency = 4;

    public static IServiceCollection AddRefreshBotScheduler(this IServiceCollection services, RefreshBotConfig config)
    {
        var database = config.Storage.Database;
        services.AddSingleton(new ServiceFleet(config));
        services.AddSingleton<RunningJobs>();
        services.AddSingleton(p => new TagLookupMemo(p.GetRequiredService<TimeProvider>(), TagLookupMemo.TtlFor(config.Service.Jitter)));
        services.AddHttpClient(VulnerabilityDataJob.HttpClientName, client => client.Timeout = Composition.OsvExportUpdate.HttpTimeout);
        services.AddTransient<RepositoryRefreshJob>();
        services.AddTransient<VulnerabilityDataJob>();
        services.AddTransient<WeeklyDigestJob>();
        services.AddTransient<DiscoveryJob>();
        services.AddQuartz(quartz =>
        {
            quartz.ConfigureScheduler(scheduler =>
            {
                scheduler.InstanceName = "refreshbot";
                scheduler.ShutdownJobInterruption = ShutdownJobInterruption.WhenWaitingForJobs;
            });
            quartz.UseDefaultThreadPool(MaxConcurrency);
            quartz.UsePersistentStore(store =>
            {
                store.ProvisionSchema();
                store.ConfigureStore(options => options.RecoverFiringsCancelledByShutdown = true);
                if (database.Kind == DatabaseKind.Sqlite)
                {
                    store.UseSqlite(SqliteConnection(database.Location));
                }
                else
                {
                    store.UsePostgres(database.Location);
                    store.UseClustering(cluster => cluster.CheckinInterval = config.Service.CheckinInterval);
                }
            });
        });
        services.AddSingleton<SchedulerLifetime>();
        return services;
    }

    /// <summary>The history's file, shared with the history store (WAL; writers wait for each other instead of failing).</summary>
    private static string SqliteConnection(string file) => new SqliteConnectionStringBuilder
    {
        DataSource = file,
        Mode = SqliteOpenMode.ReadWriteCreate,
        DefaultTimeout = 30,
        Pooling = true,
    }.ToString();
}

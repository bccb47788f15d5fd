using Prometheus;
using RefreshBot.Application.Telemetry;

namespace RefreshBot.Host.Endpoints.Metrics;

/// <summary>
/// Publishes one <see cref="RefreshBotMetrics"/> instance's instruments (and nothing else: not other meters, not another
/// container's instance) into its own prometheus-net registry, served at <c>/metrics</c>. Started with the service, before
/// any measurement, so counters start at zero with it.
/// </summary>
public sealed class PrometheusExport : IDisposable
{
    /// <summary>Buckets of the refresh duration histogram, in seconds: 1 s to about 34 min.</summary>
    private static readonly double[] DurationBuckets = Histogram.ExponentialBuckets(1, 2, 12);

    private readonly IDisposable _adapter;

    public PrometheusExport(RefreshBotMetrics metrics)
    {
        Registry = Prometheus.Metrics.NewCustomRegistry();
        _adapter = MeterAdapter.StartListening(new MeterAdapterOptions
        {
            Registry = Registry,
            MetricFactory = Prometheus.Metrics.WithCustomRegistry(Registry),
            InstrumentFilterPredicate = instrument => ReferenceEquals(instrument.Meter, metrics.Meter),
            // The adapter forgets a series not updated for this long (at most a day): longer than the usual cycle interval.
            MetricsExpireAfter = TimeSpan.FromDays(1),
            ResolveHistogramBuckets = _ => DurationBuckets,
        });
    }

    public CollectorRegistry Registry { get; }

    public void Dispose() => _adapter.Dispose();
}

using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Prometheus;
using RefreshBot.Application.Telemetry;

namespace RefreshBot.Host.Endpoints.Metrics;

/// <summary>
/// Publishes one <see cref="RefreshBotMetrics"/> instance's instruments (and nothing else: not other meters, not another
/// container's instance) into its own prometheus-net registry, served at <c>/metrics</c>: a <see cref="MeterListener"/>
/// on that instance's <see cref="Meter"/> feeds a prometheus-net counter, gauge or histogram per instrument
/// (<see cref="ExportedInstrument"/>), so each family has its Prometheus type and name (<c>refreshbot_cycles_total</c>,
/// TYPE counter) and no series ever expires. Observable gauges are read just before each scrape. Started with the
/// service, before any measurement, so counters start at zero with it.
/// </summary>
public sealed class PrometheusExport : IDisposable
{
    private readonly MeterListener _listener;
    private readonly MetricFactory _factory;
    private readonly ConcurrentDictionary<Instrument, ExportedInstrument> _instruments = new();

    public PrometheusExport(RefreshBotMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        Registry = Prometheus.Metrics.NewCustomRegistry();
        _factory = Prometheus.Metrics.WithCustomRegistry(Registry);
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (ReferenceEquals(instrument.Meter, metrics.Meter) && ExportedInstrument.KindOf(instrument) is not null)
                {
                    listener.EnableMeasurementEvents(instrument, _instruments.GetOrAdd(instrument, i => new ExportedInstrument(i, _factory)));
                }
            },
        };
        Listen<byte>();
        Listen<short>();
        Listen<int>();
        Listen<long>();
        Listen<float>();
        Listen<double>();
        Listen<decimal>();
        _listener.Start();
        Registry.AddBeforeCollectCallback(_listener.RecordObservableInstruments);
    }

    public CollectorRegistry Registry { get; }

    public void Dispose() => _listener.Dispose();

    private void Listen<T>()
        where T : struct =>
        _listener.SetMeasurementEventCallback<T>((_, value, tags, state) =>
            ((ExportedInstrument)state!).Record(Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture), tags));
}

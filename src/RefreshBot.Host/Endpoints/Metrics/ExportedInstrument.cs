using System.Diagnostics.Metrics;
using System.Globalization;
using Prometheus;

namespace RefreshBot.Host.Endpoints.Metrics;

/// <summary>
/// One .NET instrument as a prometheus-net metric family: counters (<see cref="Counter{T}"/>, observable counters) as
/// <c>refreshbot_&lt;name&gt;_total</c> of TYPE counter; gauges and up-down counters as TYPE gauge; histograms as TYPE
/// histogram with <see cref="DurationBuckets"/>. Dots in the instrument's name become underscores. .NET instruments do
/// not declare their tag names, so the family is created at the first measurement with that measurement's tag names
/// (in order); later measurements are mapped onto them (a tag it lacks is empty, an extra one is dropped). Thread-safe.
/// </summary>
internal sealed class ExportedInstrument(Instrument instrument, MetricFactory factory)
{
    /// <summary>Buckets of histograms, in seconds: 1 s to about 34 min.</summary>
    public static readonly double[] DurationBuckets = Histogram.ExponentialBuckets(1, 2, 12);

    private const string Prefix = "refreshbot_";
    private readonly Lock _gate = new();
    private readonly Kind? _kind = KindOf(instrument);
    private Family? _family;

    public enum Kind
    {
        Counter,
        ObservedCounter,
        UpDown,
        Gauge,
        Histogram,
    }

    /// <summary>What the instrument becomes in Prometheus; null: not exported.</summary>
    public static Kind? KindOf(Instrument instrument)
    {
        var definition = instrument.GetType().IsGenericType ? instrument.GetType().GetGenericTypeDefinition() : null;
        return definition switch
        {
            _ when definition == typeof(Counter<>) => Kind.Counter,
            _ when definition == typeof(ObservableCounter<>) => Kind.ObservedCounter,
            _ when definition == typeof(UpDownCounter<>) => Kind.UpDown,
            _ when definition == typeof(ObservableUpDownCounter<>) || definition == typeof(ObservableGauge<>) || definition == typeof(Gauge<>) => Kind.Gauge,
            _ when definition == typeof(Histogram<>) => Kind.Histogram,
            _ => null,
        };
    }

    /// <summary>The Prometheus family name of <paramref name="instrument"/>.</summary>
    public static string NameOf(Instrument instrument) =>
        Prefix + instrument.Name.Replace('.', '_').Replace('-', '_') + (KindOf(instrument) is Kind.Counter or Kind.ObservedCounter ? "_total" : "");

    public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var family = Volatile.Read(ref _family) ?? Create(tags);
        var values = new string[family.LabelNames.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = "";
            foreach (var tag in tags)
            {
                if (tag.Key == family.LabelNames[i])
                {
                    values[i] = Convert.ToString(tag.Value, CultureInfo.InvariantCulture) ?? "";
                    break;
                }
            }
        }

        switch (family.Metric)
        {
            case Counter counter when _kind == Kind.ObservedCounter:
                counter.WithLabels(values).IncTo(value);
                break;
            case Counter counter:
                counter.WithLabels(values).Inc(value);
                break;
            case Gauge gauge when _kind == Kind.UpDown:
                gauge.WithLabels(values).Inc(value);
                break;
            case Gauge gauge:
                gauge.WithLabels(values).Set(value);
                break;
            case Histogram histogram:
                histogram.WithLabels(values).Observe(value);
                break;
        }
    }

    private Family Create(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var labelNames = new string[tags.Length];
        for (var i = 0; i < tags.Length; i++)
        {
            labelNames[i] = tags[i].Key;
        }

        lock (_gate)
        {
            if (_family is not null)
            {
                return _family;
            }

            var name = NameOf(instrument);
            var help = instrument.Description ?? instrument.Name;
            object metric = _kind switch
            {
                Kind.Counter or Kind.ObservedCounter => factory.CreateCounter(name, help, labelNames),
                Kind.Histogram => factory.CreateHistogram(name, help, labelNames, new HistogramConfiguration { Buckets = DurationBuckets }),
                _ => factory.CreateGauge(name, help, labelNames),
            };
            Volatile.Write(ref _family, new Family(labelNames, metric));
            return _family;
        }
    }

    private sealed record Family(string[] LabelNames, object Metric);
}

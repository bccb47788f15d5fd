using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace RefreshBot.Application.Telemetry;

/// <summary>
/// The service's instruments on the <see cref="System.Diagnostics.Metrics.Meter"/> named <see cref="MeterName"/>, recorded
/// where things happen (the refresh cycle, the registry client, the event endpoints) and exported by the host at
/// <c>/metrics</c>. One instance per service container (made by its <see cref="IMeterFactory"/>), so an exporter can
/// publish exactly this instance's measurements. Labels never carry a secret.
/// </summary>
public sealed class RefreshBotMetrics
{
    public const string MeterName = "RefreshBot";

    private readonly Counter<long> _cycles;
    private readonly Histogram<double> _refreshDuration;
    private readonly Counter<long> _registryRequests;
    private readonly Counter<long> _pullRequests;
    private readonly Counter<long> _failures;
    private readonly Counter<long> _events;
    private readonly ConcurrentDictionary<string, double> _lastDurations = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _rateLimitRemaining = new(StringComparer.OrdinalIgnoreCase);

    public RefreshBotMetrics(IMeterFactory meters)
    {
        Meter = meters.Create(MeterName);
        _cycles = Meter.CreateCounter<long>("cycles", description: "Refresh cycles run (a cycle covers the repositories one job or run --once was given).");
        _refreshDuration = Meter.CreateHistogram<double>("repository.refresh.duration.seconds", description: "How long one repository's refresh took, by outcome.");
        Meter.CreateObservableGauge("repository.last.refresh.duration.seconds", ObserveLastDurations,
            description: "How long the last refresh of each repository took.");
        _registryRequests = Meter.CreateCounter<long>("registry.requests", description: "HTTP responses from registries (each attempt), by registry host and status.");
        Meter.CreateObservableGauge("registry.rate.limit.remaining", ObserveRateLimits,
            description: "The last ratelimit-remaining a registry reported.");
        _pullRequests = Meter.CreateCounter<long>("pull.requests", description: "Pull requests opened, updated and closed by the bot, by action.");
        _failures = Meter.CreateCounter<long>("failures", description: "Repository refreshes that failed, by kind (registry, git, code-host, rate-limit, file, internal).");
        _events = Meter.CreateCounter<long>("events", description: "Event requests received, by source (registry, github, trigger) and result.");
    }

    /// <summary>The meter every instrument of this instance belongs to.</summary>
    public Meter Meter { get; }

    public void CycleRun() => _cycles.Add(1);

    /// <param name="outcome"><c>succeeded</c> or <c>failed</c>.</param>
    public void RepositoryRefreshed(string repository, TimeSpan duration, string outcome)
    {
        _lastDurations[repository] = duration.TotalSeconds;
        _refreshDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("outcome", outcome));
    }

    public void RegistryResponse(string registry, int status) =>
        _registryRequests.Add(1, new KeyValuePair<string, object?>("registry", registry), new KeyValuePair<string, object?>("status", status.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    public void RateLimitRemaining(string registry, int remaining) => _rateLimitRemaining[registry] = remaining;

    /// <param name="action"><c>opened</c>, <c>updated</c> or <c>closed</c>.</param>
    public void PullRequests(string action, int count)
    {
        if (count > 0)
        {
            _pullRequests.Add(count, new KeyValuePair<string, object?>("action", action));
        }
    }

    public void Failure(string kind) => _failures.Add(1, new KeyValuePair<string, object?>("kind", kind));

    /// <param name="source"><c>registry</c>, <c>github</c> or <c>trigger</c>.</param>
    /// <param name="result">What became of it, e.g. <c>requested</c>, <c>ignored</c>, <c>unauthorized</c>, <c>malformed</c>, <c>too-large</c>.</param>
    public void EventReceived(string source, string result) =>
        _events.Add(1, new KeyValuePair<string, object?>("source", source), new KeyValuePair<string, object?>("result", result));

    private IEnumerable<Measurement<double>> ObserveLastDurations() =>
        _lastDurations.Select(d => new Measurement<double>(d.Value, new KeyValuePair<string, object?>("repository", d.Key)));

    private IEnumerable<Measurement<int>> ObserveRateLimits() =>
        _rateLimitRemaining.Select(r => new Measurement<int>(r.Value, new KeyValuePair<string, object?>("registry", r.Key)));
}

namespace RefreshBot.Host.Config;

/// <summary>
/// How <c>refreshbot run</c> (the service) behaves: <c>service:</c> in the config. Reference: <c>docs/configuration.md</c>.
/// </summary>
/// <param name="Listen">Where the HTTP endpoints (health, metrics, events) listen.</param>
/// <param name="Jitter">Each scheduled refresh starts at a random moment up to this long after its cron time (0: at once).</param>
/// <param name="ShutdownTimeout">On SIGTERM/Ctrl-C, how long running jobs may take to finish before they are cancelled.</param>
/// <param name="DefaultSchedule">The schedule of repositories that have none.</param>
/// <param name="VulnerabilityRefresh">When the offline vulnerability data is refreshed.</param>
/// <param name="Digest">When the weekly digest is built.</param>
/// <param name="CheckinInterval">Cluster check-in interval (PostgreSQL only): a node silent for longer is presumed dead
/// and its jobs recovered.</param>
public sealed record ServiceSettings(
    Uri Listen,
    TimeSpan Jitter,
    TimeSpan ShutdownTimeout,
    RefreshSchedule DefaultSchedule,
    RefreshSchedule VulnerabilityRefresh,
    RefreshSchedule Digest,
    TimeSpan CheckinInterval)
{
    /// <summary>When the service re-discovers the fleet (<c>service.discovery</c>; only with <c>discover:</c> sources).</summary>
    public RefreshSchedule Discovery { get; init; } = new("0 30 0/6 * * ?", null);

    public static readonly ServiceSettings Default = new(
        new Uri("http://127.0.0.1:8080"),
        TimeSpan.FromMinutes(5),
        TimeSpan.FromMinutes(2),
        new RefreshSchedule("0 0 0/6 * * ?", null),
        new RefreshSchedule("0 0 3 * * ?", null),
        new RefreshSchedule("0 0 9 ? * MON", null),
        TimeSpan.FromMilliseconds(7500));
}

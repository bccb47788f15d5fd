using RefreshBot.Application.Fleet;

namespace RefreshBot.Host.Config;

/// <summary>
/// The fleet configuration file (YAML), validated at load time (<see cref="ConfigLoader"/>). Reference:
/// <c>docs/configuration.md</c>.
/// </summary>
/// <param name="GitHub">The GitHub (or GitHub Enterprise) connection; null when the file has no <c>github:</c> section
/// (then no repository may be a <c>github:</c> one).</param>
/// <param name="Git">How the bot commits.</param>
/// <param name="Storage">Where the bot keeps its clones, history and local proposals.</param>
/// <param name="Registries">Registries that need settings.</param>
/// <param name="Defaults">Repository settings every repository inherits (built-in defaults already applied).</param>
/// <param name="Repositories">The fleet, each repository with its settings merged over <paramref name="Defaults"/>, in file order.</param>
public sealed record RefreshBotConfig(
    GitHubSettings? GitHub,
    GitSettings Git,
    StorageSettings Storage,
    IReadOnlyList<RegistryConfig> Registries,
    RepositorySettings Defaults,
    IReadOnlyList<TrackedRepository> Repositories)
{
    /// <summary>Building and scanning each proposal's change (<c>build:</c>); disabled by default.</summary>
    public Application.Evaluation.EvaluationOptions Build { get; init; } = Application.Evaluation.EvaluationOptions.Disabled;

    /// <summary>Vulnerability data for the scan (<c>vulnerabilities:</c>); none by default.</summary>
    public VulnerabilitySettings Vulnerabilities { get; init; } = VulnerabilitySettings.None;

    /// <summary>The event endpoints (<c>events:</c>); none served by default.</summary>
    public EventSettings Events { get; init; } = EventSettings.Disabled;

    /// <summary>The service (<c>refreshbot run</c> without <c>--once</c>): <c>service:</c>; built-in defaults when absent.</summary>
    public ServiceSettings Service { get; init; } = ServiceSettings.Default;

    /// <summary>Where the weekly digest is published (<c>digest:</c>); nowhere by default.</summary>
    public DigestSettings Digest { get; init; } = DigestSettings.None;

    /// <summary>Fleet discovery (<c>discover:</c>): sources whose repositories with Dockerfiles are tracked too; none by default.</summary>
    public IReadOnlyList<Application.Fleet.Discovery.DiscoverySource> Discover { get; init; } = [];

    /// <summary>The read-only dashboard (<c>dashboard:</c>); off by default.</summary>
    public DashboardSettings Dashboard { get; init; } = DashboardSettings.Disabled;

    /// <summary>Repositories' own settings files (<c>overrides:</c>): read by default, limited to a safe set of keys.</summary>
    public OverrideSettings Overrides { get; init; } = OverrideSettings.Default;

    /// <summary>Timeouts and retries of the registry client (<c>registryClient:</c>).</summary>
    public RegistryClientSettings RegistryClient { get; init; } = RegistryClientSettings.Default;

    /// <summary>The entry for <paramref name="host"/> (case-insensitive), if any.</summary>
    public RegistryConfig? FindRegistry(string host) =>
        Registries.FirstOrDefault(r => string.Equals(r.Host, host, StringComparison.OrdinalIgnoreCase));
}

/// <summary>One registry's settings.</summary>
/// <param name="Host">Registry host as it appears in references, with port if any: <c>ghcr.io</c>, <c>localhost:5000</c>.</param>
/// <param name="Insecure">Allow plain HTTP (loopback registries are always allowed plain HTTP).</param>
/// <param name="Username">User name for Basic / token auth (may be a substitution).</param>
/// <param name="Password">Password or token; only from <c>${env:NAME}</c> or <c>${file:PATH}</c>.</param>
/// <param name="Concurrency">Most requests in flight to this registry at once; null for the client's default.</param>
/// <param name="Mirrors">Mirror hosts (reserved: parsed and validated, not used for look-ups yet).</param>
/// <param name="AllowPrivateRealms">Let this registry's token challenges send the bot to a private or loopback IP address
/// (refused by default: a hostile registry could otherwise aim the bot at internal services).</param>
public sealed record RegistryConfig(
    string Host, bool Insecure, string? Username, SecretText? Password, int? Concurrency, IReadOnlyList<string> Mirrors,
    bool AllowPrivateRealms = false);

/// <summary>How the bot commits.</summary>
/// <param name="Author">Author and committer of the bot's commits.</param>
public sealed record GitSettings(GitAuthor Author)
{
    public static readonly GitSettings Default = new(GitAuthor.Default);
}

/// <summary>Folders the bot writes to (absolute paths).</summary>
/// <param name="DataDir">Cached clones, history, state: <c>storage.dataDir</c>, else <c>$REFRESHBOT_DATA_DIR</c>, else
/// <c>$XDG_DATA_HOME/refreshbot</c>, else <c>~/.local/share/refreshbot</c>.</param>
/// <param name="ProposalsDir">Where the local code host writes proposals (title and body): default <c>&lt;DataDir&gt;/proposals</c>.</param>
public sealed record StorageSettings(string DataDir, string ProposalsDir)
{
    /// <summary>The history (and the service's job store): <c>storage.database</c>; default the SQLite file
    /// <c>&lt;DataDir&gt;/refreshbot.db</c>. Its <c>ToString</c> never shows a connection string.</summary>
    public Adapters.History.DatabaseSettings Database { get; init; } = Adapters.History.DatabaseSettings.SqliteIn(DataDir);
}

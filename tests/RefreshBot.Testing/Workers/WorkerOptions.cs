namespace RefreshBot.Testing.Workers;

/// <summary>How to start one <c>refreshbot run</c> worker process.</summary>
/// <param name="ConfigPath">The config file (<c>--config</c>).</param>
public sealed record WorkerOptions(string ConfigPath)
{
    /// <summary>A name for messages (e.g. <c>worker-2</c>).</summary>
    public string Name { get; init; } = "worker";

    /// <summary>Environment variables of the child (data dir, tokens, …), over the test process's own.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>The child's data folder (<c>$REFRESHBOT_DATA_DIR</c>); null: not set (the config's, or the inherited one).</summary>
    public string? DataDir { get; init; }

    /// <summary>The port of <c>$REFRESHBOT_LISTEN</c> (http://127.0.0.1:PORT); null: a free one is picked.</summary>
    public int? Port { get; init; }

    /// <summary>The child's PATH; null: the test process's (e.g. a PATH without docker for readiness tests).</summary>
    public string? Path { get; init; }

    /// <summary>Extra command-line arguments after <c>run --config FILE</c> (e.g. <c>--log-level Debug</c>).</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>How long to wait for <c>/healthz</c> to answer 200.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The built <c>refreshbot.dll</c>; null: <see cref="WorkerProcess.FindHostDll"/>.</summary>
    public string? HostDll { get; init; }
}

namespace RefreshBot.Application.Evaluation;

/// <summary>How a proposal's change is built and scanned (config <c>build:</c>; see docs/configuration.md).</summary>
/// <param name="Enabled">Build and scan at all (default false: the "Build and scan" section keeps its placeholder).</param>
/// <param name="Timeout">Each build is killed after this.</param>
/// <param name="MemoryBytes">Memory limit of the build containers, or null for none.</param>
/// <param name="Cpus">CPU limit of the build containers in cores (e.g. 1.5), or null for none.</param>
/// <param name="Network">Network mode of the build containers (<c>default</c> or <c>none</c>).</param>
/// <param name="DraftOnFailure">A new pull request whose new image does not build is opened as a draft.</param>
/// <param name="Secrets">Values never to show in a log tail (the bot's tokens and passwords).</param>
/// <param name="MaxContextBytes">A checkout larger than this (without <c>.git</c>) is not copied or built.</param>
public sealed record EvaluationOptions(
    bool Enabled = false,
    TimeSpan? Timeout = null,
    long? MemoryBytes = null,
    string Network = "default",
    bool DraftOnFailure = true,
    IReadOnlyList<string>? Secrets = null,
    long MaxContextBytes = 512L * 1024 * 1024,
    double? Cpus = null)
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(10);

    public static readonly EvaluationOptions Disabled = new();

    public TimeSpan BuildTimeout => Timeout ?? DefaultTimeout;
}

namespace RefreshBot.Adapters.Vulnerabilities.Exports;

/// <summary>What happened to one ecosystem's export.</summary>
public enum DownloadOutcome
{
    /// <summary>A new <c>all.zip</c> replaced the previous one (or is the first).</summary>
    Updated,

    /// <summary>The server said 304: the file on disk is current.</summary>
    Unchanged,

    /// <summary>Nothing changed on disk; <see cref="EcosystemDownload.Reason"/> says why.</summary>
    Failed,
}

/// <summary>The result for one ecosystem: outcome, bytes written when updated, the reason when failed.</summary>
public sealed record EcosystemDownload(string Ecosystem, DownloadOutcome Outcome, long Bytes = 0, string? Reason = null)
{
    public static EcosystemDownload Failure(string ecosystem, string reason) => new(ecosystem, DownloadOutcome.Failed, 0, reason);
}

namespace RefreshBot.Domain.Proposals;

/// <summary>
/// The "Build and scan" section of a proposal, as Markdown written by the build-and-scan step (a later issue).
/// When absent, the body says builds and scans have not run.
/// </summary>
public sealed record BuildScanSection(string Markdown);

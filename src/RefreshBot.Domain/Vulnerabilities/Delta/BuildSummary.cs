namespace RefreshBot.Domain.Vulnerabilities.Delta;

/// <summary>What the build step reports for the "Build and scan" line: success, duration, image sizes in bytes (null when unknown).</summary>
public sealed record BuildSummary(bool Succeeded, TimeSpan Duration, long? OldImageSize, long? NewImageSize);

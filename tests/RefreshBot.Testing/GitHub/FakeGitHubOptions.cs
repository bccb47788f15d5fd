namespace RefreshBot.Testing.GitHub;

/// <summary>How the fake GitHub behaves.</summary>
public sealed record FakeGitHubOptions
{
    /// <summary>Clock for token expiry, timestamps and rate-limit resets.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Lifetime of installation tokens (GitHub: one hour).</summary>
    public TimeSpan InstallationTokenLifetime { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Check every JSON body against GitHub's OpenAPI description; a violation is recorded and answered with 500.</summary>
    public bool ValidateResponses { get; init; } = true;
}

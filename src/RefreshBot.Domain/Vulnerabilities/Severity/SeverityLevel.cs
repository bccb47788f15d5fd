namespace RefreshBot.Domain.Vulnerabilities.Severity;

/// <summary>Normalised severity, most severe first (so sorting ascending puts critical on top).</summary>
public enum SeverityLevel
{
    Critical,
    High,
    Medium,
    Low,
    Unknown,
}

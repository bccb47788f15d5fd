namespace RefreshBot.Domain.Vulnerabilities.Severity;

/// <summary>How many advisories of each severity.</summary>
public sealed record SeverityCounts(int Critical, int High, int Medium, int Low, int Unknown)
{
    public static SeverityCounts None { get; } = new(0, 0, 0, 0, 0);

    /// <summary>Critical plus high: what the weekly digest calls exposure.</summary>
    public int CriticalOrHigh => Critical + High;

    public SeverityCounts Plus(SeverityCounts other) =>
        new(Critical + other.Critical, High + other.High, Medium + other.Medium, Low + other.Low, Unknown + other.Unknown);

    public int Total => Critical + High + Medium + Low + Unknown;

    public static SeverityCounts Of(IEnumerable<SeverityLevel> levels)
    {
        var all = levels.ToList();
        int Count(SeverityLevel level) => all.Count(l => l == level);
        return new SeverityCounts(
            Count(SeverityLevel.Critical), Count(SeverityLevel.High), Count(SeverityLevel.Medium), Count(SeverityLevel.Low), Count(SeverityLevel.Unknown));
    }
}

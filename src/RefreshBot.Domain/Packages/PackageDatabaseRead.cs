namespace RefreshBot.Domain.Packages;

/// <summary>What one package database yielded: its packages and what could not be read (never thrown).</summary>
public sealed record PackageDatabaseRead(IReadOnlyList<InstalledPackage> Packages, IReadOnlyList<string> Problems)
{
    public static PackageDatabaseRead Empty { get; } = new([], []);

    /// <summary>A database that could not be read at all.</summary>
    public static PackageDatabaseRead Failed(string problem) => new([], [problem]);
}

namespace RefreshBot.Domain.Vulnerabilities.Delta;

/// <summary>How a package differs between the old and the new image.</summary>
public enum PackageChangeKind
{
    Upgraded,
    Downgraded,

    /// <summary>The version string changed but the ordering cannot compare the two (an invalid version).</summary>
    Changed,
    Added,
    Removed,
}

/// <summary>One package that differs; <paramref name="Name"/> carries <c>:arch</c> when the image holds it for several architectures.</summary>
public sealed record PackageChange(string Name, string? OldVersion, string? NewVersion, PackageChangeKind Kind);

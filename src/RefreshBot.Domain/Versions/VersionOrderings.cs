using RefreshBot.Domain.Packages;

namespace RefreshBot.Domain.Versions;

/// <summary>The version orderings RefreshBot knows: one singleton per package manager.</summary>
public static class VersionOrderings
{
    /// <summary>Debian/Ubuntu: dpkg's <c>verrevcmp</c> over <c>[epoch:]upstream[-revision]</c>.</summary>
    public static IVersionOrdering Dpkg { get; } = new DpkgVersionOrdering();

    /// <summary>Alpine: apk-tools' version grammar and comparison.</summary>
    public static IVersionOrdering Apk { get; } = new ApkVersionOrdering();

    /// <summary>Red Hat family (RHEL, Fedora, Rocky, Alma, SUSE…): <c>rpmvercmp</c> over <c>[epoch:]version[-release]</c>.</summary>
    public static IVersionOrdering Rpm { get; } = new RpmVersionOrdering();

    /// <summary>The ordering for packages of <paramref name="format"/>.</summary>
    public static IVersionOrdering For(PackageFormat format) => format switch
    {
        PackageFormat.Dpkg => Dpkg,
        PackageFormat.Apk => Apk,
        PackageFormat.Rpm => Rpm,
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unknown package format"),
    };
}
